package workflows

import (
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// Register registers the workflows under their wire names.
func Register(r worker.WorkflowRegistry) {
	r.RegisterWorkflowWithOptions(DossierWorkflow, workflow.RegisterOptions{Name: DossierWorkflowName})
}
