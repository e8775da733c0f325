/** Architecture rules that every service's build checks (ArchUnit), so layering is kept by the build, not by review. */
package ai.aleff.testkit.arch;
