using System.Text;
using Google.Protobuf;
using Outreach.DevHost.Invocations;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Tests.Invocations;

public sealed class OutputMessagesTests
{
    [Fact]
    public void From_JsonArrayOfObjectsAndStrings_OneMessagePerElementStringsUnquoted()
    {
        var messages = OutputMessages.From(new TypedData { Json = """[{"leaderId":"l1","district":"nordjylland"},"plain æ"]""" });

        Assert.Equal(["""{"leaderId":"l1","district":"nordjylland"}""", "plain æ"], messages.Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void From_CollectionOfStrings_OneMessagePerElement()
    {
        var value = new TypedData { CollectionString = new CollectionString { String = { "a", "b", "c" } } };

        Assert.Equal(["a", "b", "c"], OutputMessages.From(value).Select(Encoding.UTF8.GetString));
    }

    [Fact]
    public void From_SingleObjectStringOrBytes_OneMessageAsWritten()
    {
        Assert.Equal(["""{"a":1}"""], OutputMessages.From(new TypedData { Json = """{"a":1}""" }).Select(Encoding.UTF8.GetString));
        Assert.Equal(["tekst"], OutputMessages.From(new TypedData { String = "tekst" }).Select(Encoding.UTF8.GetString));
        Assert.Equal([new byte[] { 1, 2, 255 }], OutputMessages.From(new TypedData { Bytes = ByteString.CopyFrom(1, 2, 255) }));
    }

    [Fact]
    public void From_NothingOrJsonNull_NoMessage()
    {
        Assert.Empty(OutputMessages.From(null));
        Assert.Empty(OutputMessages.From(new TypedData()));
        Assert.Empty(OutputMessages.From(new TypedData { Json = "null" }));
        Assert.Empty(OutputMessages.From(new TypedData { Json = "[]" }));
    }
}
