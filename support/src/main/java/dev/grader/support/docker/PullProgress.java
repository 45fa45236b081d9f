package dev.grader.support.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An image pull's progress as the engine reports it, layer by layer: summed and told at most once a period
 * ("pulling IMAGE: 12 of 80 MB of 5 layers"); the engine's error, if it reports one, is kept.
 */
final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
    private final String image;
    private final Consumer<String> out;
    private final long periodNanos;
    private final Map<String, long[]> layers = new LinkedHashMap<>();
    private long lastTold;
    private volatile String failure;

    PullProgress(String image, Consumer<String> out, long periodNanos) {
        this.image = image;
        this.out = out;
        this.periodNanos = periodNanos;
        this.lastTold = System.nanoTime();
    }

    /** The error the engine reported during the pull, or null. */
    String failure() {
        return failure;
    }

    @Override
    public synchronized void onNext(PullResponseItem item) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            failure = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage()
                    : item.getError();
            return;
        }
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        if (item.getId() != null && detail != null && detail.getTotal() != null && detail.getTotal() > 0) {
            long current = detail.getCurrent() == null ? 0 : detail.getCurrent();
            layers.put(item.getId(), new long[] {current, detail.getTotal()});
        }
        if (System.nanoTime() - lastTold >= periodNanos && !layers.isEmpty()) {
            lastTold = System.nanoTime();
            long done = layers.values().stream().mapToLong(l -> l[0]).sum();
            long total = layers.values().stream().mapToLong(l -> l[1]).sum();
            out.accept(String.format(
                    Locale.ROOT,
                    "pulling %s: %d of %d MB of %d layers",
                    image,
                    done >> 20,
                    total >> 20,
                    layers.size()));
        }
    }
}
