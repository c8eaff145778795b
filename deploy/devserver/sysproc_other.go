//go:build !linux

package devserver

import "syscall"

// childSysProcAttr puts the server in its own process group, so a Ctrl-C in
// the terminal reaches only the parent, which then stops children in order.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
