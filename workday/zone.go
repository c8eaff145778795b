package workday

import (
	"errors"
	"sync"
	"time"
)

// vietnamOffset is UTC+7. Vietnam has kept it without daylight saving since
// 1975, so a fixed zone is exact for any year a calendar file can describe.
const vietnamOffset = 7 * 60 * 60

// zones caches loaded time zones: time.LoadLocation reads and parses the zone
// file on every call, and every calendar file names its zone.
var zones sync.Map // string -> *time.Location

// loadZone loads an IANA time zone. Minimal containers often ship without a
// time zone database; rather than refusing to start there, the Vietnamese zone
// (the only one this product needs) falls back to an equivalent fixed zone.
// Any other unknown name is an error.
func loadZone(name string) (*time.Location, error) {
	if name == "Local" || name == "" {
		// The machine's zone would make deadlines depend on where the worker runs.
		return nil, errors.New("workday: time zone must be named explicitly, not Local")
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		if name != "Asia/Ho_Chi_Minh" && name != "Asia/Saigon" {
			return nil, err
		}
		loc = time.FixedZone(name, vietnamOffset)
	}
	zones.Store(name, loc)
	return loc, nil
}
