package ai.aleff.deploy;

/** The poll interval of the readiness loops. */
final class Pause {

    private Pause() {
    }

    static void briefly() throws InterruptedException {
        Thread.sleep(300);
    }
}
