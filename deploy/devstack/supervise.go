package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// unit is one thing the stack runs: the Temporal dev server or a child
// process.
type unit interface {
	name() string
	// done is closed when the unit has ended, stopped or not.
	done() <-chan struct{}
	// err says why it ended; meaningful once done is closed.
	err() error
	// stop ends it gracefully and waits; safe to call more than once.
	stop() error
}

// childSpec describes a process of the stack started after the server.
type childSpec struct {
	Name string
	// Build, if set, runs to completion first (e.g. go build).
	Build []string
	Path  string
	Args  []string
	// Env is added to devstack's own environment (later entries win).
	Env []string
	// Dir is the working directory; empty means devstack's.
	Dir string
}

// stopGrace is how long a child has between SIGTERM and SIGKILL.
var stopGrace = 15 * time.Second

// stack owns the units it started and stops them in reverse order.
type stack struct {
	con   *console
	units []unit
}

// add takes ownership of u.
func (s *stack) add(u unit) { s.units = append(s.units, u) }

// startChild builds (if asked) and starts spec, with its output on the
// console under its name.
func (s *stack) startChild(ctx context.Context, spec childSpec) error {
	if len(spec.Build) > 0 {
		s.con.printf("devstack", "building %s: %v", spec.Name, spec.Build)
		build := exec.CommandContext(ctx, spec.Build[0], spec.Build[1:]...)
		build.Dir = spec.Dir
		out := s.con.writer(spec.Name)
		build.Stdout, build.Stderr = out, out
		err := build.Run()
		out.Flush()
		if err != nil {
			return fmt.Errorf("build %s: %w", spec.Name, err)
		}
	}
	p, err := startProcess(spec, s.con)
	if err != nil {
		return err
	}
	s.add(p)
	return nil
}

// wait blocks until ctx is done or a unit ends on its own, then stops every
// unit, last started first. It returns nil when ctx ended it, and an error
// naming the unit that ended otherwise.
func (s *stack) wait(ctx context.Context) error {
	ended := make(chan unit, len(s.units))
	for _, u := range s.units {
		go func() {
			select {
			case <-u.done():
				ended <- u
			case <-ctx.Done():
			}
		}()
	}
	var failure error
	select {
	case <-ctx.Done():
	case u := <-ended:
		if cause := u.err(); cause != nil {
			failure = fmt.Errorf("%s exited unexpectedly: %w", u.name(), cause)
		} else {
			failure = fmt.Errorf("%s exited unexpectedly", u.name())
		}
	}
	s.stopAll()
	return failure
}

// stopAll stops the units, last started first (the worker before the server
// it talks to).
func (s *stack) stopAll() {
	for i := len(s.units) - 1; i >= 0; i-- {
		u := s.units[i]
		select {
		case <-u.done():
			_ = u.stop()
			continue
		default:
		}
		s.con.printf("devstack", "stopping %s", u.name())
		if err := u.stop(); err != nil {
			s.con.printf("devstack", "stopping %s: %v", u.name(), err)
		}
	}
}

// process is a running childSpec.
type process struct {
	spec    childSpec
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error

	stopOnce      sync.Once
	stopRequested atomic.Bool
	stopErr       error
}

func startProcess(spec childSpec, con *console) (*process, error) {
	cmd := exec.Command(spec.Path, spec.Args...)
	cmd.Dir = spec.Dir
	cmd.Env = append(os.Environ(), spec.Env...)
	out := con.writer(spec.Name)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = childSysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", spec.Name, err)
	}
	p := &process{spec: spec, cmd: cmd, exited: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		out.Flush()
		close(p.exited)
	}()
	return p, nil
}

func (p *process) name() string          { return p.spec.Name }
func (p *process) done() <-chan struct{} { return p.exited }

func (p *process) err() error {
	if p.stopRequested.Load() {
		return nil // it ended because we asked
	}
	if p.waitErr == nil {
		return errors.New("exit status 0")
	}
	return p.waitErr
}

// stop sends SIGTERM to the child's process group, waits stopGrace, then
// sends SIGKILL.
func (p *process) stop() error {
	p.stopOnce.Do(func() {
		p.stopRequested.Store(true)
		p.stopErr = p.terminate()
	})
	return p.stopErr
}

func (p *process) terminate() error {
	select {
	case <-p.exited:
		return nil
	default:
	}
	pgid := p.cmd.Process.Pid // Setpgid: the child leads its own group
	if err := syscall.Kill(-pgid, syscall.SIGTERM); err != nil {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
	}
	timer := time.NewTimer(stopGrace)
	defer timer.Stop()
	select {
	case <-p.exited:
		return nil
	case <-timer.C:
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	_ = p.cmd.Process.Kill()
	<-p.exited
	return fmt.Errorf("%s did not exit within %s of SIGTERM; killed", p.spec.Name, stopGrace)
}
