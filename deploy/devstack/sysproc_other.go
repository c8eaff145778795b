//go:build !linux

package main

import "syscall"

// childSysProcAttr puts a child in its own process group, so a Ctrl-C in the
// terminal reaches only devstack, which then stops the children in order.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
