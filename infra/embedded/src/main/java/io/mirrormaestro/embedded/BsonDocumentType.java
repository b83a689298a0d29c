package io.mirrormaestro.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The documents of a collection as H2 writes them to its file: BSON, as they travel on the wire. H2's default type
 * for an object it does not know writes it with Java serialization, the slowest of the encodings at hand, and every
 * changed page of a collection is written again within 100 ms, with all its documents (with BSON, H2's writer:
 * 0.4–0.5 CPU seconds of an import of 1,000 mirrors, 4 of 10,000).
 *
 * <p>H2 sizes its pages and cache by a memory estimate per value; like H2's own estimate for serialized objects, it
 * is twice the average written size, kept as a moving average.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    private volatile int averageMemory = 1024;

    private BsonDocumentType() {}

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(averageMemory / 2);
        try {
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (RuntimeException e) {
                throw new IllegalStateException("document " + document.get("_id") + " not written: " + e, e);
            }
            int size = bson.readableBytes();
            buffer.put(bson.nioBuffer());
            averageMemory = (int) ((2L * size + 15L * averageMemory) / 16);
        } finally {
            bson.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        // a BSON document starts with its length, little-endian, itself included
        int size = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer bson = buffer.slice();
        bson.limit(size);
        buffer.position(buffer.position() + size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    @Override
    public int hashCode() {
        return BsonDocumentType.class.hashCode();
    }

    @Override
    public boolean equals(Object other) {
        return other == this;
    }
}
