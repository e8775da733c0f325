/**
 * What a turn emits besides its replies: the typed audit records with their deterministic ids, and the port that
 * publishes committed outbox events. Used by the turn, history and session services; depends on nothing above the
 * repository and model packages, and the messaging edge implements {@link ai.aleff.agent.events.CommittedEvents}.
 */
package ai.aleff.agent.events;
