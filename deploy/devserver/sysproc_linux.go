package devserver

import "syscall"

// childSysProcAttr puts the server in its own process group, so a Ctrl-C in
// the terminal reaches only the parent, which then stops children in order;
// and asks the kernel to send SIGTERM if the parent dies first, so no
// orphaned server keeps the ports.
func childSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
