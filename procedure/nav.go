package procedure

// The navigation helpers below are what the workflow uses to walk a procedure
// snapshot. They are pure and deterministic: they read only the procedure and
// their arguments, so they are safe in workflow code.

// Step returns the step with id: a top-level step or a member of a parallel
// group.
func (p *Procedure) Step(id string) (Step, bool) {
	for _, s := range p.Steps {
		if s.ID == id {
			return s, true
		}
	}
	for _, s := range p.Steps {
		for _, m := range s.Members {
			if m.ID == id {
				return m, true
			}
		}
	}
	return Step{}, false
}

// GroupOf returns the parallel group that has the member id.
func (p *Procedure) GroupOf(id string) (Step, bool) {
	for _, s := range p.Steps {
		for _, m := range s.Members {
			if m.ID == id {
				return s, true
			}
		}
	}
	return Step{}, false
}

// First returns the id of the first step, or End for a procedure without steps.
func (p *Procedure) First() string {
	if len(p.Steps) == 0 {
		return End
	}
	return p.Steps[0].ID
}

// Following returns the step that comes after the task or parallel step id
// once it is done: its Next, else the next step in the list, else End. It
// returns "" for a branch step (use Route), for a parallel member (the group
// moves on, not the member) and for an unknown id.
func (p *Procedure) Following(id string) string {
	i := p.topIndex(id)
	if i < 0 || p.Steps[i].Kind == KindBranch {
		return ""
	}
	return p.following(i)
}

// following is Following by index, for any kind but branch.
func (p *Procedure) following(i int) string {
	if p.Steps[i].Next != "" {
		return p.Steps[i].Next
	}
	if i+1 < len(p.Steps) {
		return p.Steps[i+1].ID
	}
	return End
}

// Route returns where a branch step sends the dossier: the Next of the first
// case whose value equals the dossier field, else the branch's Default. It
// returns "", false when branch is not a branch step, or when no case matches
// and there is no default.
func (p *Procedure) Route(branch Step, fields map[string]string) (string, bool) {
	if branch.Kind != KindBranch {
		return "", false
	}
	if v, ok := fields[branch.Field]; ok {
		for _, c := range branch.Cases {
			if c.Equals == v {
				return c.Next, true
			}
		}
	}
	if branch.Default != "" {
		return branch.Default, true
	}
	return "", false
}

// LadderFor returns the escalation ladder of a task step, parallel group or
// parallel member: its own Ladder, else the procedure's DefaultLadder. A
// branch step has none.
func (p *Procedure) LadderFor(s Step) (Ladder, bool) {
	if s.Kind == KindBranch {
		return Ladder{}, false
	}
	id := s.Ladder
	if id == "" {
		id = p.DefaultLadder
	}
	for _, l := range p.Ladders {
		if l.ID == id {
			return l, true
		}
	}
	return Ladder{}, false
}

// EarlierSteps returns, in list order, the top-level task steps from which
// the step id can be reached through next, case and default links: the steps
// a send_back from id may return to. For a parallel member it answers for
// its group. It returns nil for an unknown id or the first step.
func (p *Procedure) EarlierSteps(id string) []string {
	if g, ok := p.GroupOf(id); ok && p.topIndex(id) < 0 {
		id = g.ID
	}
	target := p.topIndex(id)
	if target < 0 {
		return nil
	}
	preds := make([][]int, len(p.Steps))
	for i := range p.Steps {
		for _, next := range p.successors(i) {
			if j := p.topIndex(next); j >= 0 {
				preds[j] = append(preds[j], i)
			}
		}
	}
	seen := make([]bool, len(p.Steps))
	queue := []int{target}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		for _, i := range preds[j] {
			if !seen[i] {
				seen[i] = true
				queue = append(queue, i)
			}
		}
	}
	var out []string
	for i, s := range p.Steps {
		if seen[i] && i != target && (s.Kind == "" || s.Kind == KindTask) {
			out = append(out, s.ID)
		}
	}
	return out
}

// successors lists the ids a top-level step links to: Next (or the next in
// the list, or End) for a task or parallel step; case targets and the default
// for a branch.
func (p *Procedure) successors(i int) []string {
	s := p.Steps[i]
	if s.Kind != KindBranch {
		return []string{p.following(i)}
	}
	out := make([]string, 0, len(s.Cases)+1)
	for _, c := range s.Cases {
		out = append(out, c.Next)
	}
	if s.Default != "" {
		out = append(out, s.Default)
	}
	return out
}

// topIndex returns the index of the first top-level step with id, or -1.
func (p *Procedure) topIndex(id string) int {
	for i, s := range p.Steps {
		if s.ID == id {
			return i
		}
	}
	return -1
}
