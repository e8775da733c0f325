/** Load benchmark ({@code load}) and fault-injection harness ({@code faults}) for the whole platform. */
package ai.aleff.bench;
