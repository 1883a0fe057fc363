using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Outreach.Functions.Http;

/// <summary>Finds the method behind a function's entry point, so middleware can read the attributes on it.</summary>
public static class FunctionEntryPoints
{
    private static readonly ConcurrentDictionary<string, MethodInfo?> MethodsByEntryPoint = new(StringComparer.Ordinal);

    /// <summary>The <c>[Function]</c> method at <paramref name="entryPoint"/> (<c>Namespace.Type.Method</c>, as the worker names it), or null.</summary>
    public static MethodInfo? Find(string entryPoint)
    {
        ArgumentNullException.ThrowIfNull(entryPoint);
        return MethodsByEntryPoint.GetOrAdd(entryPoint, static name =>
        {
            var dot = name.LastIndexOf('.');
            var type = dot > 0 ? typeof(FunctionEntryPoints).Assembly.GetType(name[..dot]) : null;
            return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .FirstOrDefault(candidate => candidate.Name == name[(dot + 1)..] && candidate.GetCustomAttribute<FunctionAttribute>() is not null);
        });
    }

    /// <summary>The attribute <typeparamref name="T"/> on the function at <paramref name="entryPoint"/>, or null.</summary>
    public static T? Attribute<T>(string entryPoint)
        where T : Attribute =>
        Find(entryPoint)?.GetCustomAttribute<T>();
}
