using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>The worker's HTTP functions found by reflection, so a function added later is covered by the tests without a list.</summary>
internal static class FunctionCatalog
{
    /// <summary>Every <c>[Function]</c> method with an <c>[HttpTrigger]</c> parameter.</summary>
    public static IReadOnlyList<MethodInfo> HttpFunctions { get; } = typeof(StaffAuthorizationMiddleware).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null
            && method.GetParameters().Any(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null))
        .OrderBy(method => method.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The HTTP functions marked <see cref="StaffAuthorizeAttribute"/>.</summary>
    public static IEnumerable<MethodInfo> StaffFunctions => HttpFunctions.Where(method => method.GetCustomAttribute<StaffAuthorizeAttribute>() is not null);

    /// <summary>The function's name as the host knows it.</summary>
    public static string NameOf(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    /// <summary>The entry point as the worker names it: <c>Namespace.Type.Method</c>.</summary>
    public static string EntryPointOf(MethodInfo method) => method.DeclaringType!.FullName + "." + method.Name;

    /// <summary>The function's HTTP trigger.</summary>
    public static HttpTriggerAttribute TriggerOf(MethodInfo method) =>
        method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).First(trigger => trigger is not null)!;

    /// <summary>The entry point of the function named <paramref name="name"/>.</summary>
    public static string EntryPoint(string name) => EntryPointOf(HttpFunctions.Single(method => NameOf(method) == name));

    /// <summary>Whether the function is rate-limited as a public one.</summary>
    public static bool IsPublicRateLimited(MethodInfo method) => method.GetCustomAttribute<PublicRateLimitedAttribute>() is not null;
}
