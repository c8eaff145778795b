package temporalconn

import (
	"flag"
	"io"
	"testing"
)

func TestRegisterFlags(t *testing.T) {
	var o Options
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	RegisterFlags(fs, &o)
	if err := fs.Parse([]string{"--address", "10.0.0.5:7233", "--namespace", "mot-cua"}); err != nil {
		t.Fatal(err)
	}
	if o.HostPort != "10.0.0.5:7233" || o.Namespace != "mot-cua" {
		t.Errorf("flags not bound: %+v", o)
	}
}

func TestRegisterFlagsKeepsValuesWhenUnset(t *testing.T) {
	o := Options{HostPort: "preset:7233"}
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	RegisterFlags(fs, &o)
	if err := fs.Parse(nil); err != nil {
		t.Fatal(err)
	}
	if o.HostPort != "preset:7233" || o.Namespace != "" {
		t.Errorf("unset flags changed options: %+v", o)
	}
}
