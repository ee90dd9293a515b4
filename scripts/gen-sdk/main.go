// Command gen-sdk generates the provider plugin's SDKs from its schema:
//
//	go run . <schema.json> <out-dir>
//
// writes <out-dir>/python, <out-dir>/go and <out-dir>/nodejs with the pinned pkg/v3's codegen, exactly what
// `pulumi package gen-sdk` would write with language hosts that implement GeneratePackage.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-tencentcloud-omics gen-sdk"

// noOtherPackages is the schema loader: the schema references no other package.
type noOtherPackages struct{}

func (noOtherPackages) refuse(name string) error {
	return fmt.Errorf("the schema references package %q; only its own types and pulumi.json are supported", name)
}

func (l noOtherPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refuse(pkg)
}

func (l noOtherPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refuse(d.Name)
}

func (l noOtherPackages) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refuse(pkg)
}

func (l noOtherPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, l.refuse(d.Name)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen-sdk <schema.json> <out-dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdk:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"python": func(p *schema.Package) (map[string][]byte, error) {
			return pygen.GeneratePackage(tool, p, map[string][]byte{}, noOtherPackages{})
		},
		"go": func(p *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, p, nil)
		},
		// A publishable package (localSDK false): its package.json declares @pulumi/pulumi and no
		// postinstall; users compile it (`npm run build`, output in bin/, not committed).
		"nodejs": func(p *schema.Package) (map[string][]byte, error) {
			return nodegen.GeneratePackage(tool, p, map[string][]byte{}, nil, false, noOtherPackages{})
		},
	}
	for _, language := range []string{"python", "go", "nodejs"} {
		// Each generator imports its language section into the package: bind a fresh one each time.
		pkg, err := schema.ImportSpec(spec, nil, noOtherPackages{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("binding %s: %w", schemaPath, err)
		}
		files, err := generators[language](pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", language, err)
		}
		dir := filepath.Join(outDir, language)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
