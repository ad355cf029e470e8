using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Serverless.SelfHost.Engine;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.SelfHost.Queues;

/// <summary>
/// The self-host's stand-in for the Functions queue trigger on <c>decisions</c>, with the same semantics from host.json:
/// a failed message becomes visible again after visibilityTimeout, and once tried maxDequeueCount times it moves, as it
/// came, to <c>decisions-poison</c>. Messages our code refuses are wrapped with a reason by <see cref="DecisionIntake"/>.
/// </summary>
public sealed partial class DecisionQueuePump(
    QueueServiceClient queues, DecisionIntake intake, IJourneyClient journeys, IOptions<SelfHostOptions> options, ILogger<DecisionQueuePump> log)
    : BackgroundService
{
    private static readonly TimeSpan InFlightVisibility = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.HostJson;
        var queue = queues.GetQueueClient(QueueNames.Decisions);
        var poison = queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.Decisions));
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);

        var idle = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(settings.QueueBatchSize, InFlightVisibility, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReceiveFailed(log, e);
                batch = [];
            }

            if (batch.Length == 0)
            {
                await Task.Delay(idle, stoppingToken).ConfigureAwait(false);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.QueueMaxPollingInterval.Ticks));
                continue;
            }
            idle = TimeSpan.FromMilliseconds(100);
            await Task.WhenAll(batch.Select(m => ProcessAsync(queue, poison, m, settings, stoppingToken))).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, HostJson settings, CancellationToken cancellationToken)
    {
        try
        {
            // A message that crashed the process on earlier tries never got to fail: poison it before trying again.
            if (message.DequeueCount > settings.QueueMaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, cancellationToken).ConfigureAwait(false);
                return;
            }
            try
            {
                await intake.HandleAsync(message.MessageText, message.DequeueCount, journeys, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, message.MessageId, message.DequeueCount, e);
                if (message.DequeueCount >= settings.QueueMaxDequeueCount)
                    await MoveToPoisonAsync(queue, poison, message, cancellationToken).ConfigureAwait(false);
                else
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.QueueVisibilityTimeout, cancellationToken: cancellationToken)
                        .ConfigureAwait(false);
                return;
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(queue, message).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Settling failed (a lost pop receipt, storage down): the message reappears and is tried again. Never stop the pump.
            LogSettleFailed(log, message.MessageId, e);
        }
    }

    /// <summary>Shutting down mid-message: make it visible again at once, as the Functions runtime does, not after the in-flight lease.</summary>
    private async Task ReleaseAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e)
        {
            LogSettleFailed(log, message.MessageId, e);
        }
    }

    /// <summary>As the Functions runtime does: the original message, unchanged, to the poison queue.</summary>
    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.MessageText, visibilityTimeout: null, StorageDepartmentQueues.NeverExpires, cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the decisions queue failed")]
    private static partial void LogReceiveFailed(ILogger log, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision message {MessageId} could not be settled; it will be tried again")]
    private static partial void LogSettleFailed(ILogger log, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision message {MessageId} failed on try {DequeueCount}")]
    private static partial void LogFailed(ILogger log, string messageId, long dequeueCount, Exception exception);
}
