package procedure

import "strings"

// edge is one link of the step graph: from a top-level step to a target id.
type edge struct {
	from   int
	to     string
	path   string // JSON path of the link, or of the step for an implicit next
	origin string // what declares the link: "next", "case" or "default"
}

// validateGraph checks the links between top-level steps: every target is a
// top-level step or "end", the graph has no cycle (send_back is an action,
// not a link) and every step is reachable from the first. A send_back needs
// an earlier task step to return to.
func validateGraph(r reporter, p *Procedure) {
	if len(p.Steps) == 0 {
		return
	}
	top := map[string]int{}
	member := map[string]string{}
	for i, s := range p.Steps {
		if _, dup := top[s.ID]; !dup {
			top[s.ID] = i
		}
	}
	for _, s := range p.Steps {
		for _, m := range s.Members {
			member[m.ID] = s.ID
		}
	}
	const targetExpected = "the id of a top-level step, or \"end\""
	edges := make([][]edge, len(p.Steps))
	for i, s := range p.Steps {
		path := index("$.steps", i)
		var es []edge
		if s.Kind == KindBranch {
			for k, c := range s.Cases {
				es = append(es, edge{i, c.Next, field(index(field(path, "cases"), k), "next"), "case"})
			}
			if s.Default != "" {
				es = append(es, edge{i, s.Default, field(path, "default"), "default"})
			}
		} else if s.Next != "" {
			es = append(es, edge{i, s.Next, field(path, "next"), "next"})
		} else {
			es = append(es, edge{i, p.following(i), path, "next"})
		}
		for _, e := range es {
			_, known := top[e.to]
			switch {
			case e.to == End || known:
				edges[i] = append(edges[i], e)
			case e.to == "":
				r.add(e.path, targetExpected, "missing target")
			case member[e.to] != "":
				r.add(e.path, targetExpected, "step %q is a member of parallel group %q", e.to, member[e.to])
			default:
				r.add(e.path, targetExpected, "unknown step %q", e.to)
			}
		}
	}
	reportCycles(r, p, top, edges)
	reportUnreachable(r, p, top, edges)
	reportLonelySendBacks(r, p)
}

// reportCycles reports each link that closes a cycle, with the cycle.
func reportCycles(r reporter, p *Procedure, top map[string]int, edges [][]edge) {
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(p.Steps))
	var stack []int
	var visit func(i int)
	visit = func(i int) {
		colour[i] = grey
		stack = append(stack, i)
		for _, e := range edges[i] {
			if e.to == End {
				continue
			}
			j := top[e.to]
			switch colour[j] {
			case white:
				visit(j)
			case grey:
				var ids []string
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k] == j {
						for _, n := range stack[k:] {
							ids = append(ids, p.Steps[n].ID)
						}
						break
					}
				}
				ids = append(ids, p.Steps[j].ID)
				r.add(e.path, "links that move forward (send_back is an action, not a link)", "cycle: %s", strings.Join(ids, " → "))
			}
		}
		stack = stack[:len(stack)-1]
		colour[i] = black
	}
	for i := range p.Steps {
		if colour[i] == white {
			visit(i)
		}
	}
}

// reportUnreachable reports top-level steps no path from the first step reaches.
func reportUnreachable(r reporter, p *Procedure, top map[string]int, edges [][]edge) {
	reached := make([]bool, len(p.Steps))
	reached[0] = true
	queue := []int{0}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, e := range edges[i] {
			if e.to == End {
				continue
			}
			if j := top[e.to]; !reached[j] {
				reached[j] = true
				queue = append(queue, j)
			}
		}
	}
	for i, s := range p.Steps {
		if !reached[i] && top[s.ID] == i {
			r.add(index("$.steps", i), "a next, case or default that leads to it", "step %q is unreachable from the first step", s.ID)
		}
	}
}

// reportLonelySendBacks reports send_back on a step that no task step precedes.
func reportLonelySendBacks(r reporter, p *Procedure) {
	check := func(path string, s Step) {
		for k, a := range s.Actions {
			if a == ActionSendBack && len(p.EarlierSteps(s.ID)) == 0 {
				r.add(index(field(path, "actions"), k), "send_back only on a step that a task step precedes", "send_back with no earlier task step")
			}
		}
	}
	for i, s := range p.Steps {
		path := index("$.steps", i)
		check(path, s)
		for k, m := range s.Members {
			check(index(field(path, "members"), k), m)
		}
	}
}
