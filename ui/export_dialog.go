package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"rushcut/app/assemble"
	"rushcut/app/effects"
	"rushcut/app/rough"
)

// ExportForm is the export dialog's content: the output path, the format
// (EDL, FCP 7 XML, FCPXML or OTIO), the frame rate, drop-frame, the record
// start, and which effects to include (accepted, all proposed, none).
// Export writes the session's cut as chosen.
type ExportForm struct {
	Path, Rate, RecordStart *widget.Entry
	Format                  *widget.Select
	Effects                 *widget.Select
	DropFrame               *widget.Check
	Form                    *widget.Form
}

// formats maps the dialog's choices to export formats; formatNames is
// their order in the dialog.
var (
	formats = map[string]assemble.Format{"EDL (CMX3600)": assemble.EDL, "FCP 7 XML": assemble.XMEML,
		"FCPXML 1.10 (Final Cut Pro, Resolve)": assemble.FCPXML, "OpenTimelineIO": assemble.OTIO}
	formatNames = []string{"EDL (CMX3600)", "FCP 7 XML", "FCPXML 1.10 (Final Cut Pro, Resolve)", "OpenTimelineIO"}
)

// effectChoices are the dialog's choices of effects to include, first
// the default; effectModes maps them to the effects package's modes.
var (
	effectChoices = []string{"Accepted effects", "All proposed effects", "No effects"}
	effectModes   = map[string]effects.Mode{effectChoices[0]: effects.Accepted, effectChoices[1]: effects.Proposed, effectChoices[2]: effects.None}
)

// NewExportForm makes the form with the session's defaults: a file beside
// the project, EDL, the timeline's rate, its drop-frame, 01:00:00:00.
func NewExportForm(s *rough.Session) *ExportForm {
	f := &ExportForm{Path: widget.NewEntry(), Rate: widget.NewEntry(), RecordStart: widget.NewEntry()}
	base := strings.TrimSuffix(s.Path(), filepath.Ext(s.Path()))
	f.Path.SetText(base + ".edl")
	f.Format = widget.NewSelect(formatNames, func(choice string) {
		ext := ""
		for _, x := range assemble.Formats {
			if x.Format == formats[choice] {
				ext = x.Ext
			}
		}
		p := f.Path.Text
		f.Path.SetText(strings.TrimSuffix(p, filepath.Ext(p)) + ext)
	})
	f.Format.SetSelected("EDL (CMX3600)")
	f.Effects = widget.NewSelect(effectChoices, nil)
	f.Effects.SetSelected(effectChoices[0])
	f.DropFrame = widget.NewCheck("Drop-frame", nil)
	if tl := s.Project().Timeline; tl != nil {
		f.Rate.SetText(tl.Rate.String())
		f.DropFrame.SetChecked(tl.DropFrame)
	}
	f.RecordStart.SetText("01:00:00:00")
	f.Form = widget.NewForm(
		widget.NewFormItem("File", f.Path),
		widget.NewFormItem("Format", f.Format),
		widget.NewFormItem("Frame rate", f.Rate),
		widget.NewFormItem("", f.DropFrame),
		widget.NewFormItem("Record start", f.RecordStart),
		widget.NewFormItem("Effects", f.Effects),
	)
	return f
}

// Export writes the session's cut as the form says.
func (f *ExportForm) Export(s *rough.Session) error {
	return s.Export(f.Path.Text, rough.ExportOptions{
		Format: formats[f.Format.Selected], Rate: f.Rate.Text, DropFrame: f.DropFrame.Checked, RecordStart: f.RecordStart.Text,
		Effects: effectModes[f.Effects.Selected],
	})
}

// ShowExport opens the export dialog over w; errors are shown in a dialog
// and the session stays usable.
func ShowExport(s *rough.Session, w fyne.Window, done func(path string)) {
	f := NewExportForm(s)
	dialog.ShowCustomConfirm("Export the cut", "Export", "Cancel", f.Form, func(ok bool) {
		if !ok {
			return
		}
		if err := f.Export(s); err != nil {
			dialog.ShowError(err, w)
			return
		}
		if done != nil {
			done(f.Path.Text)
		}
	}, w)
}
