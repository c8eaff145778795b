package workflows

// Machine-readable codes of the errors the workflow returns to callers (the
// ApplicationError type). Messages are Vietnamese first, then English, and say
// what to do.
const (
	ErrInvalidRequest   = "invalid_request"    // a field is missing or malformed
	ErrClosed           = "dossier_closed"     // the dossier has ended
	ErrStaleStep        = "stale_step"         // the step is no longer current
	ErrActionNotAllowed = "action_not_allowed" // the step does not allow this action
	ErrNotAuthorised    = "not_authorised"     // wrong unit or role, no valid delegation
	ErrClockStopped     = "clock_stopped"      // waiting for the citizen's supplement
	ErrLimitReached     = "limit_reached"      // supplement or extension limit used up
	ErrCatalogue        = "catalogue_error"    // the procedure snapshot is inconsistent
)
