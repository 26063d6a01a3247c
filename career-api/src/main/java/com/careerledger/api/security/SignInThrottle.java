package com.careerledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Slows down and then refuses password guessing (Basic mode), before any password hash is computed: guessing
 * costs the guesser time and costs the server nothing. Three limits, each a token bucket of failed tries
 * refilled over {@code career.security.sign-in.window} (so past a limit one more try is allowed every
 * {@code window / limit}, and a window without failures forgets everything):
 * <ul>
 *     <li>per account and client address: one client guessing one account's password;</li>
 *     <li>per client address: one client spraying many accounts;</li>
 *     <li>per account, from every address except those the account signed in from successfully lately: many
 *     clients guessing one account, without locking its owner out.</li>
 * </ul>
 * A try takes a token from each bucket before the password is checked and a success gives them back, so
 * concurrent tries cannot overrun a limit: as many passwords are hashed as the limits allow, however many tries
 * arrive at once. Unknown usernames are counted like known ones (a refusal says nothing
 * about whether an account exists). The buckets live in this instance's memory, bounded in number.
 */
public class SignInThrottle {

    /** A try refused: retry after this many seconds. */
    public record Refusal(long retryAfterSeconds) {
    }

    /** The buckets a try took a token from, to give back if it succeeds. */
    public final class Attempt {
        private final String username;
        private final String address;
        private final List<Bucket> taken;

        private Attempt(String username, String address, List<Bucket> taken) {
            this.username = username;
            this.address = address;
            this.taken = taken;
        }

        /** The password was right: the failures of this account from this address are forgotten. */
        public void succeeded() {
            taken.forEach(b -> b.addTokens(1));
            buckets.invalidate(pairKey(username, address));
            trusted.put(pairKey(username, address), Boolean.TRUE);
        }
    }

    private static final int MAX_KEYS = 100_000;

    private final SecuritySettings.SignIn settings;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;
    private final Cache<String, Boolean> trusted;

    public SignInThrottle(SecuritySettings.SignIn settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
        // an idle bucket is full again after one window: dropping it then forgets nothing
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).ticker(time::currentTimeNanos)
                .expireAfterAccess(settings.window()).build();
        this.trusted = Caffeine.newBuilder().maximumSize(MAX_KEYS).ticker(time::currentTimeNanos)
                .expireAfterWrite(settings.trustedFor()).build();
    }

    /**
     * Takes a try for this account from this address, or says how long to wait.
     *
     * @return the attempt (to report a success), or the refusal
     */
    public Result attempt(String username, String address) {
        List<Bucket> taken = new ArrayList<>(3);
        long waitNanos = take(taken, pairKey(username, address), settings.failuresPerAccountAndAddress(), 0);
        waitNanos = take(taken, "address\u0000" + address, settings.failuresPerAddress(), waitNanos);
        if (trusted.getIfPresent(pairKey(username, address)) == null) {
            waitNanos = take(taken, "account\u0000" + username, settings.failuresPerAccount(), waitNanos);
        }
        if (waitNanos > 0) {
            taken.forEach(b -> b.addTokens(1));
            return new Result(null, refusalAfter(waitNanos));
        }
        return new Result(new Attempt(username, address, taken), null);
    }

    /**
     * For a try whose password is already known to be right (remembered, so nothing is hashed): refused only if a
     * limit it falls under is exhausted, and nothing is taken. Without this a guesser past the limit could still
     * tell a right guess (remembered, answered at once) from a wrong one (refused).
     */
    public Optional<Refusal> refusal(String username, String address) {
        long waitNanos = waitOf(pairKey(username, address), 0);
        waitNanos = waitOf("address\u0000" + address, waitNanos);
        if (trusted.getIfPresent(pairKey(username, address)) == null) {
            waitNanos = waitOf("account\u0000" + username, waitNanos);
        }
        return waitNanos > 0 ? Optional.of(refusalAfter(waitNanos)) : Optional.empty();
    }

    private long waitOf(String key, long wait) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() >= 1) {
            return wait;
        }
        return Math.max(wait, Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private static Refusal refusalAfter(long waitNanos) {
        return new Refusal(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos - 1) + 1));
    }

    /** Either an attempt that may go on to check the password, or a refusal. */
    public record Result(Attempt attempt, Refusal refusal) {
        public Optional<Refusal> refused() {
            return Optional.ofNullable(refusal);
        }
    }

    /**
     * Takes a token from this bucket unless an earlier one had none (then only its wait counts: nothing is taken
     * that would have to be given back, so concurrent tries see no tokens held in passing).
     *
     * @return the longest wait so far: {@code wait}, or this bucket's if it has no token
     */
    private long take(List<Bucket> taken, String key, int limit, long wait) {
        if (wait > 0) {
            return waitOf(key, wait);
        }
        Bucket bucket = buckets.get(key, k -> bucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            taken.add(bucket);
            return wait;
        }
        return Math.max(wait, Math.max(1, probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(int limit) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, settings.window()).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static String pairKey(String username, String address) {
        return "pair\u0000" + username + "\u0000" + address;
    }
}
