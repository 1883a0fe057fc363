using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; this library has no VB consumers and the name is the feature's (staff imports).
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Outreach.Core.Imports",
    Justification = "No Visual Basic consumers; the namespace names the import feature.")]
