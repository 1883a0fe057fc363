using System.Text;
using Azure.Storage.Queues;
using Outreach.DevHost.Queues;

namespace Outreach.Testing.Azurite;

/// <summary>Puts and reads base64 messages (host.json's default encoding) on a test's own queues.</summary>
public static class QueueProbe
{
    public static async Task SendAsync(string connectionString, string queueName, string text)
    {
        var queue = new QueueClient(connectionString, queueName, QueueClientDefaults.Create());
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The texts of up to 32 messages of a queue (each test owns its queues, so 32 is all of them), oldest first.</summary>
    public static async Task<IReadOnlyList<string>> PeekAsync(string connectionString, string queueName)
    {
        var queue = new QueueClient(connectionString, queueName, QueueClientDefaults.Create());
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return [.. messages.Select(message => Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)))];
    }

    /// <summary>How many messages a queue holds, visible or not (0 when it does not exist).</summary>
    public static async Task<int> CountAsync(string connectionString, string queueName)
    {
        var queue = new QueueClient(connectionString, queueName, QueueClientDefaults.Create());
        return await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;
    }
}
