package workflows

import (
	"errors"
	"testing"

	"go.temporal.io/sdk/temporal"
)

// wantCode checks that err is an ApplicationError of the given type.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Errorf("want a %s rejection, got none", code)
		return
	}
	var app *temporal.ApplicationError
	if !errors.As(err, &app) {
		t.Errorf("want a %s rejection, got %T: %v", code, err, err)
		return
	}
	if app.Type() != code {
		t.Errorf("rejection type %s (%v), want %s", app.Type(), err, code)
	}
}
