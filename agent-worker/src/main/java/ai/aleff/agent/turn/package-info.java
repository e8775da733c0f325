/**
 * The turn of an inbound message as named stages ({@code TurnIntake}, {@code ModelStep}, {@code ToolRound},
 * {@code ToolResults}, {@code TurnCompletion}) joined by {@code TurnTransactions}; {@code TurnService} is the entry
 * point the messaging edge calls. May use the other services ({@code delegation}, {@code history}, {@code session},
 * {@code tenant}, {@code model}, {@code events}, {@code config}) and {@code repository}; never {@code messaging}:
 * committed events leave through the platform outbox ({@code ai.aleff.platform.outbox.Outbox}).
 */
package ai.aleff.agent.turn;
