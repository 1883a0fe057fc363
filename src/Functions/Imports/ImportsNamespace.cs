using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; this app has no VB consumers and the name is the feature's (staff imports).
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Outreach.Functions.Imports",
    Justification = "No Visual Basic consumers; the namespace names the import feature.")]
