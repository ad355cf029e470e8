using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Operations;

/// <summary>
/// <c>POST /api/v1/ops/poison/decisions/redrive?max=…</c>: moves messages from <c>decisions-poison</c> back to
/// <c>decisions</c>, once an operator has fixed what refused them. A message our intake refused is wrapped
/// (<see cref="PoisonMessage"/>) and goes back as its <c>original_message</c>; one the Functions host moved after its
/// retries is the message itself and goes back as it is. Each is sent before it is deleted from the poison queue, so a
/// crash in between sends it twice rather than never: decision intake takes a decision once by its id.
/// Platform operators only: the queue holds every department's decisions.
/// </summary>
public sealed class PoisonRedrive(IOperatorAuthenticator authenticator, QueueServiceClient queues)
{
    public const int DefaultMax = 100;
    public const int MaxMax = 1000;

    // Long enough to send and delete a batch of 32; a message not deleted in time is simply seen again.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public async Task<IResult> RedriveDecisionsAsync(HttpRequest request)
    {
        if (authenticator.Authenticate(request) is not { } who)
            return Problems.Unauthorised("Operator credentials are required.");
        if (who.Scope is not null)
            return Problems.Forbidden("Only platform operators may redrive a poison queue: it holds every department's messages.");
        var text = request.Query["max"].ToString();
        var max = DefaultMax;
        if (text.Length > 0 && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is >= 1 and <= MaxMax))
            return Problems.BadRequest("invalid-query", $"'max' must be a whole number from 1 to {MaxMax}.");

        var cancellationToken = request.HttpContext.RequestAborted;
        var poison = queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.Decisions));
        var target = queues.GetQueueClient(QueueNames.Decisions);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var moved = 0;
        while (moved < max)
        {
            var batch = (await poison.ReceiveMessagesAsync(Math.Min(32, max - moved), Lease, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
                break;
            foreach (var message in batch)
            {
                await target.SendMessageAsync(Unwrap(message.MessageText), visibilityTimeout: null, StorageDepartmentQueues.NeverExpires, cancellationToken)
                    .ConfigureAwait(false);
                await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }
        return Results.Json(new RedriveResult(QueueNames.PoisonOf(QueueNames.Decisions), QueueNames.Decisions, moved), ApiJson.Options);
    }

    /// <summary>The message as its sender sent it: the wrapper's <c>original_message</c>, or the text itself if it is not wrapped.</summary>
    public static string Unwrap(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<PoisonMessage>(text) is { OriginalMessage: { } original, Reason: not null } ? original : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}

public sealed record RedriveResult(string From, string To, int Moved);
