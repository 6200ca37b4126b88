import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

/**
 * Decodes Avro single-object encoded messages with Apache Avro's own decoder, from nothing but the
 * published schema files, to prove that any Avro library can read what the product writes.
 *
 * <p>Usage: {@code java -cp <avro jars> AvroCheck.java <schema folder> <message file>...}
 *
 * <p>Every {@code <folder>/<EventType>.v<n>.avsc} below the schema folder is parsed after
 * {@code envelope.avsc} with the same parser and registered by its fingerprint. Each message is
 * read into the latest version of its event type, the way a consumer on the newest contract reads
 * it. One line per message on stdout: {@code ok<TAB>file<TAB>json} or {@code error<TAB>file<TAB>reason}.
 * The JSON is GenericData's: timestamps stay epoch milliseconds, uuids strings, longs exact.
 * The exit code is 1 when any message failed.
 */
public class AvroCheck {
  private static final String ENVELOPE_FILE = "envelope.avsc";
  private static final int HEADER_LENGTH = 10;

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: AvroCheck <schema folder> <message file>...");
      System.exit(2);
    }

    Path schemaFolder = Path.of(args[0]);
    GenericData model = new GenericData();
    SchemaStore.Cache released = new SchemaStore.Cache();
    Map<String, Schema> latest = new HashMap<>();
    Map<String, Integer> latestVersion = new HashMap<>();
    for (Path file : schemaFiles(schemaFolder)) {
      Schema schema = parseWithEnvelope(schemaFolder, file);
      released.addSchema(schema);

      int version = versionOf(file);
      if (version > latestVersion.getOrDefault(schema.getFullName(), 0)) {
        latestVersion.put(schema.getFullName(), version);
        latest.put(schema.getFullName(), schema);
      }
    }

    Map<String, BinaryMessageDecoder<GenericRecord>> decoders = new HashMap<>();
    boolean failed = false;
    for (int index = 1; index < args.length; index++) {
      Path message = Path.of(args[index]);
      try {
        byte[] bytes = Files.readAllBytes(message);
        // The writer's fingerprint names the event type, and with it the reader schema to resolve into.
        Schema writer = released.findByFingerprint(fingerprintOf(bytes));
        Schema reader = writer == null ? null : latest.get(writer.getFullName());
        BinaryMessageDecoder<GenericRecord> decoder =
            reader == null
                ? new BinaryMessageDecoder<>(model, null, released)
                : decoders.computeIfAbsent(
                    reader.getFullName(), name -> new BinaryMessageDecoder<>(model, reader, released));
        GenericRecord record = decoder.decode(bytes);
        System.out.println("ok\t" + message.getFileName() + "\t" + model.toString(record));
      } catch (Exception error) {
        failed = true;
        String reason = (error.getClass().getSimpleName() + ": " + error.getMessage()).replaceAll("\\s+", " ");
        System.out.println("error\t" + message.getFileName() + "\t" + reason);
      }
    }

    System.exit(failed ? 1 : 0);
  }

  private static List<Path> schemaFiles(Path schemaFolder) throws IOException {
    try (Stream<Path> files = Files.walk(schemaFolder)) {
      List<Path> found = new ArrayList<>();
      files
          .filter(file -> file.getFileName().toString().matches("[A-Za-z]+\\.v[1-9][0-9]*\\.avsc"))
          .sorted()
          .forEach(found::add);
      if (found.isEmpty()) {
        throw new IOException("no <EventType>.v<n>.avsc files below " + schemaFolder);
      }

      return found;
    }
  }

  /** The envelope is a named type that every event file refers to, so one parser must know both. */
  private static Schema parseWithEnvelope(Path schemaFolder, Path file) throws IOException {
    Schema.Parser parser = new Schema.Parser();
    parser.parse(schemaFolder.resolve(ENVELOPE_FILE).toFile());

    return parser.parse(file.toFile());
  }

  private static int versionOf(Path file) {
    String name = file.getFileName().toString();

    return Integer.parseInt(name.substring(name.lastIndexOf(".v") + 2, name.length() - ".avsc".length()));
  }

  /** Only to pick the reader schema; the decoder checks the marker and the fingerprint itself. */
  private static long fingerprintOf(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      return 0;
    }

    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }
}
