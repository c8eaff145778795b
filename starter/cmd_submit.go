package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/payload"
)

func init() {
	commands["submit"] = command{summary: "start a dossier from a JSON file; prints its code and return date", run: runSubmit}
}

func runSubmit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c conn
	fs := flag.NewFlagSet("submit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	code := fs.String("procedure", "", "procedure code, e.g. 2.001610 (overrides the file's \"procedure\")")
	file := fs.String("file", "", "dossier file (JSON: desk, receivedBy, channel, fields, documents; see docs/dossier-file.md); - reads stdin")
	requestID := fs.String("request-id", "", "idempotency key; default: the content and the day, so resubmitting a file returns the same dossier")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter submit --procedure CODE --file dossier.json [--json] [--request-id ID]")
		fs.PrintDefaults()
	}
	if rc, ok := parseFlags(fs, args); !ok {
		return rc
	}
	if *file == "" {
		fmt.Fprintln(stderr, "starter submit: --file is required (a JSON dossier; see docs/dossier-file.md)")
		return 2
	}
	req, err := readRequest(*file, os.Stdin)
	if err != nil {
		fmt.Fprintln(stderr, "starter submit:", err)
		return 2
	}
	if *code != "" {
		req.Procedure = *code
	}
	if *requestID != "" {
		req.RequestID = *requestID
	}
	if err := c.open(ctx, stderr); err != nil {
		fmt.Fprintln(stderr, "starter submit:", err)
		return 1
	}
	defer c.close()
	seq, err := intake.NewFileSequencer(c.sequencePath())
	if err != nil {
		fmt.Fprintln(stderr, "starter submit:", err)
		return 1
	}
	s := &intake.Submitter{Client: c.client, Catalogue: c.cat, Sequencer: seq, DataConverter: payload.DataConverter(c.keys)}
	r, err := s.Submit(ctx, req)
	var fe intake.FieldErrors
	if errors.As(err, &fe) {
		if c.jsonOut {
			writeJSON(stdout, map[string]any{"errors": fe})
		} else {
			fmt.Fprintln(stderr, "Hồ sơ chưa hợp lệ / the dossier is not valid:")
			for _, e := range fe {
				fmt.Fprintf(stderr, "  %s: %s\n", e.Field, e.Message)
			}
		}
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "starter submit:", err)
		return 1
	}
	if c.jsonOut {
		writeJSON(stdout, r)
		return 0
	}
	if r.Existing {
		fmt.Fprintln(stdout, "Hồ sơ này đã được tiếp nhận trước đó / this dossier was already received:")
	}
	fmt.Fprintf(stdout, "Mã hồ sơ / dossier code:   %s\n", r.Code)
	fmt.Fprintf(stdout, "Thủ tục / procedure:       %s — %s (v%d)\n", r.Procedure, r.ProcedureName.VI, r.Version)
	fmt.Fprintf(stdout, "Tiếp nhận / received:      %s\n", r.ReceivedAt.In(vnZone).Format("15:04 02/01/2006"))
	fmt.Fprintf(stdout, "Hẹn trả / return date:     %s\n", r.DueAt.In(vnZone).Format("15:04 02/01/2006"))
	return 0
}

// readRequest decodes a dossier file strictly: an unknown key is an error.
func readRequest(path string, stdin io.Reader) (intake.Request, error) {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return intake.Request{}, err
		}
		defer f.Close()
		r = f
	}
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	var req intake.Request
	if err := dec.Decode(&req); err != nil {
		return intake.Request{}, fmt.Errorf("%s: not a dossier file: %w", path, err)
	}
	return req, nil
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
