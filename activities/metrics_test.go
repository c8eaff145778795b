package activities

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/uber-go/tally/v4"
	sdktally "go.temporal.io/sdk/contrib/tally"

	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/notify"
	"github.com/lienthong/lienthong/procedure"
)

// Each delivery attempt is counted by channel and result: a transient
// failure as retry, the retried success as delivered, a refusal as refused.
func TestAlertDeliveriesAreCounted(t *testing.T) {
	a, _ := newActivities(t)
	scope := tally.NewTestScope("", nil)
	a.Metrics = sdktally.NewMetricsHandler(scope)
	recv := &webhookReceiver{fail: 1, byKey: map[string]int{}}
	ok := httptest.NewServer(recv)
	defer ok.Close()
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadRequest) }))
	defer refusing.Close()
	hook, err := notify.NewWebhook(ok.URL, testWebhookSecret, 0)
	if err != nil {
		t.Fatal(err)
	}
	bad, err := notify.NewWebhook(refusing.URL, testWebhookSecret, 0)
	if err != nil {
		t.Fatal(err)
	}
	a.Channels = []Channel{{Name: "webhook", Sender: hook}, {Name: "bridge", Sender: bad}}
	env := activityEnv(a)
	in := AlertInput{Key: "D-1/s/1/r0", Dossier: "D-1", Procedure: "P", Unit: "H26.STC.DKKD", Audience: procedure.AudienceHolder, DueAt: at(2026, 11, 27, 17, 0)}
	if _, err := env.ExecuteActivity(AlertName, in); err == nil {
		t.Fatal("first attempt succeeded; the webhook is down")
	}
	if _, err := env.ExecuteActivity(AlertName, in); err != nil { // Temporal's retry; the refusal is on record
		t.Fatalf("second attempt: %v", err)
	}
	got := map[string]int64{}
	for _, c := range scope.Snapshot().Counters() {
		if c.Name() == metrics.AlertDeliveries {
			got[c.Tags()[metrics.LabelChannel]+"/"+c.Tags()[metrics.LabelResult]] += c.Value()
		}
	}
	want := map[string]int64{"webhook/retry": 1, "webhook/delivered": 1, "bridge/refused": 1}
	if len(got) != len(want) {
		t.Errorf("deliveries %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("deliveries %s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}
