package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
)

func init() {
	commands["status"] = command{summary: "show a dossier's status and its process control slip", run: runStatus}
}

func runStatus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c conn
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter status CODE [--json]")
		fs.PrintDefaults()
	}
	code, rc, ok := codeAndFlags(fs, args)
	if !ok {
		return rc
	}
	defer c.close()
	s, ok := c.openSlip(ctx, "status", code, stderr)
	if !ok {
		return 1
	}
	if c.jsonOut {
		writeJSON(stdout, s)
		return 0
	}
	fmt.Fprintf(stdout, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ — %s\n", s.Code)
	fmt.Fprintf(stdout, "%s — %s (v%d)\n", s.Procedure, s.ProcedureName.VI, s.Version)
	fmt.Fprintf(stdout, "Trạng thái / status: %s %s   Tiếp nhận: %s   Hẹn trả: %s\n", s.Status, s.Outcome, fmtTime(s.ReceivedAt), fmtTime(s.DueAt))
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\n#\tBước/step\tĐơn vị/unit\tGiao/given\tNhận/received\tHạn/due\tXong/done\tKết quả/result\tĐánh giá")
	for _, r := range s.Rows {
		fmt.Fprintf(tw, "%d\t%s#%d\t%s\t%s %s\t%s\t%s\t%s\t%s\t%s\n", r.Seq, r.StepID, r.Attempt, r.Unit, r.GivenBy, fmtTime(r.GivenAt),
			r.ReceivedBy, fmtTime(r.DueAt), fmtTime(r.FinishedAt), r.Result, r.Timeliness)
	}
	tw.Flush()
	for _, e := range s.Escalations {
		fmt.Fprintf(stdout, "cảnh báo / alert %s: mức %d → %s (%s %s)\n", fmtTime(e.At), e.Level, e.Audience, e.Unit, e.Step)
	}
	return 0
}
