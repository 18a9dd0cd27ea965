package io.exposureguard.edge.probe;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import javax.net.ServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny MongoDB wire-protocol server for the probe's tests: answers the driver's handshake ({@code isMaster} or
 * {@code hello}, in OP_QUERY or OP_MSG) as a standalone server of the given wire version, {@code listDatabases}
 * with the given reply, {@code endSessions} with ok:1, and anything else with "no such command". It records every
 * command document it receives.
 */
final class FakeMongo implements AutoCloseable {

    private static final int OP_REPLY = 1;
    private static final int OP_QUERY = 2004;
    private static final int OP_MSG = 2013;

    static final BsonDocument THREE_DATABASES = BsonDocument.parse(
            "{databases: [{name: 'admin'}, {name: 'config'}, {name: 'customers'}], ok: 1.0}");
    static final BsonDocument UNAUTHORIZED = BsonDocument.parse(
            "{ok: 0.0, errmsg: 'command listDatabases requires authentication', code: 13, codeName: 'Unauthorized'}");

    final List<BsonDocument> commands = new CopyOnWriteArrayList<>();
    private final int maxWireVersion;
    private final BsonDocument listDatabases;
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final FakeEndpoints.RawServer server;

    FakeMongo(int maxWireVersion, BsonDocument listDatabases) throws IOException {
        this.maxWireVersion = maxWireVersion;
        this.listDatabases = listDatabases;
        this.server = new FakeEndpoints.RawServer(ServerSocketFactory.getDefault(), this::converse);
    }

    int port() {
        return server.port();
    }

    /** Command names in arrival order ("isMaster", "listDatabases", ...). */
    List<String> commandNames() {
        return commands.stream().map(BsonDocument::getFirstKey).toList();
    }

    private void converse(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                byte[] header = new byte[16];
                in.readFully(header);
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int length = h.getInt();
                int requestId = h.getInt();
                h.getInt();
                int opCode = h.getInt();
                byte[] body = new byte[length - 16];
                in.readFully(body);
                ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
                if (opCode == OP_QUERY) {
                    b.getInt();
                    while (b.get() != 0) {
                        // collection name, a C string
                    }
                    b.getInt();
                    b.getInt();
                    BsonDocument command = document(b);
                    out.write(reply(requestId, OP_REPLY, answer(command)));
                } else if (opCode == OP_MSG) {
                    b.getInt();
                    BsonDocument command = null;
                    while (b.remaining() > 0) {
                        byte kind = b.get();
                        if (kind == 0) {
                            command = document(b);
                        } else {
                            int size = b.getInt();
                            b.position(b.position() + size - 4);
                        }
                    }
                    out.write(reply(requestId, OP_MSG, answer(command)));
                } else {
                    return;
                }
                out.flush();
            }
        } catch (EOFException e) {
            // the driver closed the connection
        } catch (IOException e) {
            // closed with the server
        }
    }

    private static BsonDocument document(ByteBuffer b) {
        int size = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bytes = new byte[size];
        b.get(bytes);
        return new RawBsonDocument(bytes).decode(new BsonDocumentCodec());
    }

    private BsonDocument answer(BsonDocument command) {
        commands.add(command);
        String name = command.getFirstKey();
        return switch (name) {
            case "isMaster", "ismaster", "hello" -> BsonDocument.parse("""
                    {helloOk: true, ismaster: true, isWritablePrimary: true, maxBsonObjectSize: 16777216,
                     maxMessageSizeBytes: 48000000, maxWriteBatchSize: 100000, localTime: {$date: 1577836800000},
                     logicalSessionTimeoutMinutes: 30, connectionId: %d, minWireVersion: 0, maxWireVersion: %d,
                     readOnly: false, ok: 1.0}""".formatted(ids.get(), maxWireVersion));
            case "listDatabases" -> listDatabases;
            case "endSessions" -> BsonDocument.parse("{ok: 1.0}");
            default -> BsonDocument.parse("{ok: 0.0, errmsg: 'no such command', code: 59, codeName: 'CommandNotFound'}");
        };
    }

    private byte[] reply(int responseTo, int opCode, BsonDocument document) {
        ByteBuffer encoded = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] doc = new byte[encoded.remaining()];
        encoded.get(doc);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer prefix;
        if (opCode == OP_REPLY) {
            prefix = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(0).putInt(0).putInt(1);
        } else {
            prefix = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN).putInt(0).put((byte) 0);
        }
        body.writeBytes(prefix.array());
        body.writeBytes(doc);
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(16 + body.size()).putInt(ids.incrementAndGet()).putInt(responseTo).putInt(opCode);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(header.array());
        message.writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
