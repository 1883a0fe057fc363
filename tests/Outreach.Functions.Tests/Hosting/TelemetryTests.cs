using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Outreach.Functions.Hosting;

namespace Outreach.Functions.Tests.Hosting;

/// <summary>A letter's trace needs the Azure SDK's spans (queue and Table calls) and HttpClient's (SendGrid) recorded.</summary>
public sealed class TelemetryTests
{
    [Theory]
    [InlineData("Azure.Data.Tables.TableClient")]
    [InlineData("Azure.Storage.Queues.QueueClient")]
    [InlineData("System.Net.Http")]
    public void AddOutreachTelemetry_SpanFromTheSource_IsRecorded(string sourceName)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddOutreachTelemetry(configuration).BuildServiceProvider();
        _ = services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource(sourceName);

        // Act
        using var activity = source.StartActivity("call");

        // Assert
        Assert.NotNull(activity);
        Assert.True(activity.Recorded);
    }

    [Fact]
    public void AddOutreachTelemetry_SourceOfNoInterest_IsNotRecorded()
    {
        // Arrange
        using var services = new ServiceCollection().AddLogging().AddOutreachTelemetry(new ConfigurationBuilder().Build()).BuildServiceProvider();
        _ = services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource("Somebody.Else");

        // Act
        using var activity = source.StartActivity("call");

        // Assert
        Assert.Null(activity);
    }
}
