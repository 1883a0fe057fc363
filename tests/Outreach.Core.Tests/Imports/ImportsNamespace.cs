using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; the namespace mirrors Outreach.Core.Imports and has no VB consumers.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Outreach.Core.Tests.Imports",
    Justification = "Mirrors Outreach.Core.Imports; no Visual Basic consumers.")]
