package workflows

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/journal"
)

// historyLimit is the history length past which an open dossier continues as
// new (unless the server suggested it earlier): a step that escalates every
// working day for years must not grow one history without bound.
const historyLimit = 4000

// dossier is the running workflow: its input, its state, and the plumbing
// that is not state (the timer, the mutex that serialises handlers).
type dossier struct {
	in      DossierInput
	s       *State
	mu      workflow.Mutex
	version int // bumped by every state change the main loop must look at
	alerts  []workflow.Future
	sa      searchValues // last upserted search attributes
	// retryAt holds the next wake-up back after a failed plan, so a failure
	// at a due instant cannot spin the loop.
	retryAt time.Time
	logger  interface {
		Info(string, ...interface{})
		Warn(string, ...interface{})
	}
	ctx workflow.Context
}

// DossierWorkflow runs one dossier from reception to return, refusal or
// withdrawal. Its ID is the dossier code.
func DossierWorkflow(ctx workflow.Context, in DossierInput) (*Slip, error) {
	if err := in.Validate(); err != nil {
		return nil, temporal.NewNonRetryableApplicationError(err.Error(), ErrInvalidRequest, nil)
	}
	d := &dossier{in: in, mu: workflow.NewMutex(ctx), logger: workflow.GetLogger(ctx), ctx: ctx}
	if in.Resumed != nil {
		d.s = in.Resumed
		d.in.Resumed = nil
	} else {
		d.s = &State{Status: StatusInProgress, Attempts: map[string]int{}, StepSupplements: map[string]int{}, LastActor: in.ReceivedBy}
	}
	if err := d.registerHandlers(ctx); err != nil {
		return nil, err
	}
	if in.Resumed == nil {
		if err := d.receive(ctx); err != nil {
			return nil, err
		}
	}
	if err := d.loop(ctx); err != nil {
		return nil, err
	}
	slip := d.slip()
	return &slip, nil
}

// leavesDesk reports whether handing the dossier from unit `from` is a paper
// transfer out of the desk, which the cut-off rule delays.
func (d *dossier) leavesDesk(from string) bool {
	return d.in.Channel.Paper() && from == d.in.Desk
}

// now is the workflow's deterministic clock.
func (d *dossier) now() time.Time { return workflow.Now(d.ctx) }

// receive computes the return date, records the reception and hands the
// dossier to its first step, all in the first workflow task.
func (d *dossier) receive(ctx workflow.Context) error {
	p := &d.in.Procedure
	b := d.newBatch()
	d.s.Dossier.Rungs = placeRungs(p.DossierLadder)
	d.s.Dossier.Basis = Basis{From: d.in.ReceivedAt, Duration: p.Total}
	// The return date counts from the day after receipt, whatever the channel;
	// the reception record carries it.
	received := journal.Record{Kind: journal.KindReceived, At: d.in.ReceivedAt, Unit: d.in.Desk, Actor: d.in.ReceivedBy, Note: string(d.in.Channel)}
	b.window(activities.WindowRequest{From: d.in.ReceivedAt, Duration: p.Total, Rungs: p.DossierLadder, Record: &received},
		func(w activities.Window) {
			d.s.Dossier.Basis.From = w.Start
			clockFrom(&d.s.Dossier, w)
			d.s.OriginalDue = w.Due
		})
	// The first step starts at reception when the desk itself holds it, else
	// when the dossier is transferred (paper after the cut-off: next working day).
	first, _ := p.Step(p.First())
	paper := d.in.Channel.Paper() && first.Unit != d.in.Desk
	if err := d.enter(b, p.First(), d.in.ReceivedAt, paper); err != nil {
		return err
	}
	return b.run(ctx, "Tiếp nhận: tính hạn trả kết quả và chuyển bước đầu / reception: return date and first hand-off")
}

// loop waits for decisions and deadlines until the dossier is closed.
func (d *dossier) loop(ctx workflow.Context) error {
	var (
		timer  workflow.Future
		cancel workflow.CancelFunc
		armed  time.Time
	)
	for {
		d.publish(ctx)
		if d.s.Status.Closed() {
			break
		}
		if d.shouldContinueAsNew(ctx) {
			if cancel != nil {
				cancel()
			}
			return d.continueAsNew(ctx)
		}
		wake, label := d.nextWake()
		if !wake.Equal(armed) {
			if cancel != nil {
				cancel()
				timer, cancel = nil, nil
			}
			armed = wake
			if !wake.IsZero() {
				delay := wake.Sub(d.now())
				if delay <= 0 {
					armed = time.Time{}
					if err := d.wake(ctx); err != nil {
						return err
					}
					continue
				}
				tctx, c := workflow.WithCancel(ctx)
				timer = workflow.NewTimerWithOptions(tctx, delay, workflow.TimerOptions{Summary: label})
				cancel = c
			}
		}
		seen := d.version
		if err := workflow.Await(ctx, func() bool {
			return d.version != seen || (timer != nil && timer.IsReady())
		}); err != nil {
			return err
		}
		if timer != nil && timer.IsReady() {
			fired := timer.Get(ctx, nil) == nil
			timer, cancel, armed = nil, nil, time.Time{}
			if fired {
				if err := d.wake(ctx); err != nil {
					return err
				}
			}
		}
	}
	if cancel != nil {
		cancel()
	}
	// Let in-flight Updates reply and fired alerts be delivered before the
	// run closes.
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return err
	}
	d.drainAlerts(ctx)
	d.publish(ctx)
	return nil
}

func (d *dossier) shouldContinueAsNew(ctx workflow.Context) bool {
	info := workflow.GetInfo(ctx)
	return (info.GetContinueAsNewSuggested() || info.GetCurrentHistoryLength() > historyLimit) &&
		workflow.AllHandlersFinished(ctx)
}

func (d *dossier) continueAsNew(ctx workflow.Context) error {
	d.drainAlerts(ctx)
	next := d.in
	next.Resumed = d.s
	return workflow.NewContinueAsNewError(ctx, DossierWorkflowName, next)
}

// drainAlerts waits for every alert activity this run started.
func (d *dossier) drainAlerts(ctx workflow.Context) {
	for _, f := range d.alerts {
		if err := f.Get(ctx, nil); err != nil {
			var canceled *temporal.CanceledError
			if !errors.As(err, &canceled) {
				d.logger.Warn("alert not delivered", "dossier", d.in.Code, "error", err.Error())
			}
		}
	}
	d.alerts = nil
}

// changed tells the main loop to look at the state again.
func (d *dossier) changed() { d.version++ }

// unitName returns a unit's Vietnamese name for summaries, or its code.
func (d *dossier) unitName(code string) string {
	if u, ok := d.in.Units[code]; ok && u.Name.VI != "" {
		return u.Name.VI
	}
	return code
}

func fmtLocal(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(vnZone).Format("02/01/2006 15:04")
}

// vnZone is Asia/Ho_Chi_Minh (UTC+7, no daylight saving) as a fixed zone, so
// the workflow never reads the tz database.
var vnZone = time.FixedZone("ICT", 7*3600)

// errorf builds a non-retryable application error with a machine code.
func errorf(code, format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), code, nil)
}
