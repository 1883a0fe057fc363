using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.OpenApi;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Tests.OpenApi;

/// <summary>The staff API's OpenAPI document is written by hand; these tests keep it true to the staff functions, both ways.</summary>
public sealed class StaffOpenApiTests
{
    private static readonly JsonObject Document = JsonNode.Parse(OpenApiFunctions.OpenDocument())!.AsObject();

    /// <summary>Every HTTP function of the app: its name, route, methods and whether it is a staff function.</summary>
    private static IEnumerable<(string Name, string Route, string[] Methods, MethodInfo Method)> HttpFunctions() =>
        from type in typeof(OpenApiFunctions).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let trigger = method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(attribute => attribute is not null)
        where function is not null && trigger is not null
        select (function.Name, trigger.Route!, trigger.Methods!, method);

    private static HashSet<string> FunctionOperations() =>
        [.. HttpFunctions()
            .Where(function => function.Route.StartsWith("staff/", StringComparison.Ordinal))
            .SelectMany(function => function.Methods.Select(method => $"{method.ToUpperInvariant()} /api/{function.Route}"))];

    private static HashSet<string> DocumentOperations() =>
        [.. Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))];

    [Fact]
    public void Document_EveryStaffFunction_IsDescribed()
    {
        // Act
        var missing = FunctionOperations().Except(DocumentOperations());

        // Assert
        Assert.Empty(missing);
    }

    [Fact]
    public void Document_EveryDescribedOperation_IsAStaffFunction()
    {
        // Act
        var extra = DocumentOperations().Except(FunctionOperations());

        // Assert
        Assert.Empty(extra);
    }

    [Fact]
    public void Document_OperationIds_AreTheFunctionNames()
    {
        // Arrange
        var operationIds = Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!["operationId"]!.GetValue<string>()));

        // Act
        var staffFunctionNames = HttpFunctions().Where(function => function.Route.StartsWith("staff/", StringComparison.Ordinal)).Select(function => function.Name);

        // Assert
        Assert.Equal(staffFunctionNames.Order(StringComparer.Ordinal), operationIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StaffFunctions_EveryOne_NeedsAStaffPrincipalAndPublicOnesDoNot()
    {
        // Act
        var functions = HttpFunctions().ToList();

        // Assert
        Assert.All(functions, function => Assert.Equal(
            function.Route.StartsWith("staff/", StringComparison.Ordinal),
            function.Method.GetCustomAttribute<StaffAuthorizeAttribute>() is not null));
    }

    [Fact]
    public void Document_Itself_IsOpenApi3WithTheStaffSecuritySchemes()
    {
        // Act
        var schemes = Document["components"]!["securitySchemes"]!.AsObject();

        // Assert
        Assert.StartsWith("3.", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("X-Api-Key", schemes["staffApiKey"]!["name"]!.GetValue<string>());
        Assert.Equal("x-functions-key", schemes["functionKey"]!["name"]!.GetValue<string>());
    }
}
