/**
 * What a turn emits besides its replies: the typed audit records with their deterministic ids. Used by the turn,
 * history and session services; depends on nothing above the repository and model packages.
 */
package ai.aleff.agent.events;
