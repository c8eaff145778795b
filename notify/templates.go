package notify

// textTemplate is the plain-text body. Values are worded in newView.
const textTemplate = `{{.Greeting}}

{{.Lead}}

{{range .Rows}}{{printf "%-16s" .Label}}: {{.Value}}
{{end}}
{{.Action}}
{{if .Link}}Mở hồ sơ: {{.Link}}
{{end}}
--
{{.English}}
{{.Footer}}
`

// htmlTemplate is the HTML body: html/template escapes every value and
// refuses unsafe URL schemes in the link.
const htmlTemplate = `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{.Lead}}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1a1a1a;">
<p>{{.Greeting}}</p>
<p><strong>{{.Lead}}</strong></p>
<table cellpadding="4" cellspacing="0" style="border-collapse: collapse;">
{{- range .Rows}}
<tr><td style="color: #555;">{{.Label}}</td><td>{{.Value}}</td></tr>
{{- end}}
</table>
<p>{{.Action}}</p>
{{- if .Link}}
<p><a href="{{.Link}}">Mở hồ sơ</a></p>
{{- end}}
<hr>
<p lang="en" style="color: #555;">{{.English}}</p>
<p style="color: #888; font-size: 12px;">{{.Footer}}</p>
</body>
</html>
`
