package main

import (
	"sync"
	"testing"

	omics "github.com/pulumi-tencentcloud-omics/pulumi-tencentcloud-omics/sdks/go/tencentcloudomics"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// mocks stands in for the engine and the plugin: it records what the program registers and
// answers a RunRetry with the outputs the plugin would record.
type mocks struct {
	mu         sync.Mutex
	registered map[string]resource.PropertyMap
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	m.registered[args.TypeToken] = args.Inputs
	m.mu.Unlock()
	outs := args.Inputs.Copy()
	if args.TypeToken == "tencentcloud-omics:index:RunRetry" {
		outs["newRunGroupId"] = resource.NewStringProperty("run-brave-amber-otter-123456")
		outs["status"] = resource.NewStringProperty("COMPLETE")
	}
	return args.Name + "_id", outs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

func TestProgramRegistersRunRetryWithSchemaNames(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		if err := program(ctx); err != nil {
			return err
		}
		return nil
	}, pulumi.WithMocks("omics-retry-go", "test", m), func(info *pulumi.RunInfo) {
		info.Config = map[string]string{"omics-retry-go:runGroupId": "run-ashamed-bleak-doggy-247963"}
	})
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	inputs, ok := m.registered["tencentcloud-omics:index:RunRetry"]
	if !ok {
		t.Fatalf("no tencentcloud-omics:index:RunRetry registered; got %v", keys(m.registered))
	}
	if got := inputs["runGroupId"].StringValue(); got != "run-ashamed-bleak-doggy-247963" {
		t.Errorf("runGroupId = %q", got)
	}
	wdl := inputs["wdlOption"].ObjectValue()
	if wdl["failureMode"].StringValue() != "ContinueWhilePossible" || !wdl["useCallCache"].BoolValue() || wdl["useErrorOnHold"].BoolValue() {
		t.Errorf("wdlOption = %v", wdl)
	}
	if !inputs["waitForCompletion"].BoolValue() || inputs["waitTimeoutSeconds"].NumberValue() != 21600 {
		t.Errorf("wait inputs = %v, %v", inputs["waitForCompletion"], inputs["waitTimeoutSeconds"])
	}
}

func TestRunRetryOutputsReachTheProgram(t *testing.T) {
	m := &mocks{registered: map[string]resource.PropertyMap{}}
	var newID, status string
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		retry, err := omics.NewRunRetry(ctx, "retry", &omics.RunRetryArgs{RunGroupId: pulumi.String("run-ashamed-bleak-doggy-247963")})
		if err != nil {
			return err
		}
		var wg sync.WaitGroup
		wg.Add(1)
		pulumi.All(retry.NewRunGroupId, retry.Status).ApplyT(func(all []interface{}) error {
			newID, status = all[0].(string), all[1].(string)
			wg.Done()
			return nil
		})
		wg.Wait()
		return nil
	}, pulumi.WithMocks("omics-retry-go", "test", m))
	if err != nil {
		t.Fatalf("program failed: %v", err)
	}
	if newID != "run-brave-amber-otter-123456" || status != "COMPLETE" {
		t.Errorf("outputs: newRunGroupId %q, status %q", newID, status)
	}
}

func keys(m map[string]resource.PropertyMap) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	return out
}
