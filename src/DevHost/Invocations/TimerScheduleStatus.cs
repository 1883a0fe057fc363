namespace Outreach.DevHost.Invocations;

/// <summary>A monitored timer's last and next occurrence, as the host keeps it and sends it as <c>ScheduleStatus</c>.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
