package procedure

import (
	"io/fs"
	"path"
)

// The layout of a catalogue directory.
const (
	organisationGlob = "organisation/*.json"
	proceduresGlob   = "procedures/*.json"
)

// Load reads and validates a catalogue: every organisation/*.json (merged into
// one organisation; units may reference units and people of another file) and
// every procedures/*.json. Files are read in name order. The error is a
// Problems listing everything wrong; on error the catalogue is nil.
//
// When an organisation file cannot be decoded, procedures are checked without
// the organisation, so its damage is not reported again in every procedure.
func Load(fsys fs.FS) (*Catalogue, error) {
	var ps Problems
	orgFiles, _ := fs.Glob(fsys, organisationGlob)
	procFiles, _ := fs.Glob(fsys, proceduresGlob)
	if len(orgFiles) == 0 {
		ps = append(ps, Problem{File: path.Dir(organisationGlob), Message: "no organisation file", Expected: organisationGlob})
	}

	var parts []orgPart
	orgDecoded := len(orgFiles) > 0
	for _, name := range orgFiles {
		r := reporter{file: name, ps: &ps}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			r.add("", "", "%v", err)
			orgDecoded = false
			continue
		}
		var o Organisation
		if !decodeStrict(r, data, &o) {
			orgDecoded = false
			continue
		}
		parts = append(parts, orgPart{file: name, org: &o})
	}
	validateOrganisation(parts, &ps)
	cat := &Catalogue{}
	for _, part := range parts {
		cat.Organisation.Units = append(cat.Organisation.Units, part.org.Units...)
		cat.Organisation.People = append(cat.Organisation.People, part.org.People...)
	}
	var org *orgView
	if orgDecoded {
		org = newOrgView(&cat.Organisation)
	}

	for _, name := range procFiles {
		r := reporter{file: name, ps: &ps}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			r.add("", "", "%v", err)
			continue
		}
		var p Procedure
		if !decodeStrict(r, data, &p) {
			continue
		}
		validateProcedure(r, &p, org)
		cat.Procedures = append(cat.Procedures, p)
		cat.files = append(cat.files, name)
	}
	validateVersions(cat.Procedures, cat.files, &ps, 0)
	if len(ps) > 0 {
		return nil, ps
	}
	return cat, nil
}

// ParseOrganisation decodes and validates one organisation file that is the
// whole organisation. name is used in problems.
func ParseOrganisation(name string, data []byte) (*Organisation, error) {
	var ps Problems
	var o Organisation
	if !decodeStrict(reporter{file: name, ps: &ps}, data, &o) {
		return nil, ps
	}
	validateOrganisation([]orgPart{{file: name, org: &o}}, &ps)
	if len(ps) > 0 {
		return nil, ps
	}
	return &o, nil
}

// ParseProcedure decodes and validates one procedure file on its own, without
// an organisation (see ValidateProcedure and Catalogue.AddProcedure for the
// checks against one). name is used in problems.
func ParseProcedure(name string, data []byte) (*Procedure, error) {
	var ps Problems
	r := reporter{file: name, ps: &ps}
	var p Procedure
	if !decodeStrict(r, data, &p) {
		return nil, ps
	}
	validateProcedure(r, &p, nil)
	if len(ps) > 0 {
		return nil, ps
	}
	return &p, nil
}
