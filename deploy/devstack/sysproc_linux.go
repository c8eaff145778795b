package main

import "syscall"

// childSysProcAttr puts a child in its own process group, so a Ctrl-C in the
// terminal reaches only devstack, which then stops the children in order; and
// has the kernel send SIGTERM to the child if devstack dies first.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
