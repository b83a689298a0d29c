package io.mirrormaestro.common.store;

/** Where mirrors live, for the cascades and locks that configuration needs before the mirror model is complete. */
public final class MirrorCollection {

    public static final String NAME = "mirrors";
    public static final String PAIR_ID = "instance_pair_id";

    private MirrorCollection() {}
}
