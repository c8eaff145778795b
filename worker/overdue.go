package main

import (
	"context"
	"time"

	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/readmodel"
)

// overdueEvery is how often the worker recounts open overdue steps.
const overdueEvery = 30 * time.Second

// overdueSource is the read model's overdue board (readmodel.Store).
type overdueSource interface {
	Overdue(ctx context.Context, units []string, now time.Time) ([]readmodel.OverdueRow, error)
}

// updateOverdue sets the open-overdue-steps gauge of every unit from the read
// model at now: units with none read 0, so a unit that caught up drops back.
func updateOverdue(ctx context.Context, src overdueSource, h client.MetricsHandler, units []string, now time.Time) error {
	rows, err := src.Overdue(ctx, units, now)
	if err != nil {
		return err
	}
	n := make(map[string]int, len(units))
	for _, r := range rows {
		n[r.Unit]++
	}
	for _, u := range units {
		metrics.SetOpenOverdue(h, u, n[u])
	}
	return nil
}

// watchOverdue updates the gauges now and every `every` until ctx is done.
// A failed count is logged and tried again at the next tick; the gauges keep
// their last values meanwhile.
func watchOverdue(ctx context.Context, src overdueSource, h client.MetricsHandler, units []string, every time.Duration, logger *zap.Logger) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if err := updateOverdue(ctx, src, h, units, time.Now()); err != nil && ctx.Err() == nil {
			logger.Warn("overdue steps gauge not updated", zap.Error(err))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
