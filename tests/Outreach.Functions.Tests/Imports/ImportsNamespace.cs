using System.Diagnostics.CodeAnalysis;

// "Imports" is a Visual Basic keyword; the tests mirror the app's feature folder of that name.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:Outreach.Functions.Tests.Imports",
    Justification = "No Visual Basic consumers; the namespace names the import feature.")]
