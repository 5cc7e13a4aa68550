package dev.migrationstudio.mapping.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of a class file that {@link CodeDigest} reads: the constant pool, each method's
 * bytecode and exception table, and the bootstrap methods of {@code invokedynamic}. Debugging
 * attributes (line numbers, local variable names) and stack maps are skipped on purpose.
 */
final class ClassFile {
    static final int UTF8 = 1;
    static final int INTEGER = 3;
    static final int FLOAT = 4;
    static final int LONG = 5;
    static final int DOUBLE = 6;
    static final int CLASS = 7;
    static final int STRING = 8;
    static final int FIELD = 9;
    static final int METHOD = 10;
    static final int INTERFACE_METHOD = 11;
    static final int NAME_AND_TYPE = 12;
    static final int METHOD_HANDLE = 15;
    static final int METHOD_TYPE = 16;
    static final int DYNAMIC = 17;
    static final int INVOKE_DYNAMIC = 18;
    static final int MODULE = 19;
    static final int PACKAGE = 20;

    /** A method: its bytecode (null when abstract or native) and exception table rows of four. */
    record Method(String name, String descriptor, byte[] code, int[] exceptions) {
    }

    final String name;
    final int[] tags;
    /** Per entry: a String (UTF8), a boxed number, or an int[] of the entry's indexes. */
    final Object[] entries;
    final Map<String, Method> methods = new HashMap<>();
    /** Per bootstrap method: the method handle's index, then its arguments' indexes. */
    int[][] bootstraps = new int[0][];

    private ClassFile(String name, int[] tags, Object[] entries) {
        this.name = name;
        this.tags = tags;
        this.entries = entries;
    }

    Method method(String methodName, String descriptor) {
        return methods.get(methodName + descriptor);
    }

    List<Method> methodsInOrder() {
        return methods.values().stream()
                .sorted((a, b) -> (a.name() + a.descriptor()).compareTo(b.name() + b.descriptor()))
                .toList();
    }

    String utf(int index) {
        return (String) entries[index];
    }

    int[] refs(int index) {
        return (int[]) entries[index];
    }

    String className(int index) {
        return utf(refs(index)[0]);
    }

    static ClassFile parse(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        Object[] entries = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case UTF8: entries[i] = in.readUTF(); break;
                case INTEGER: entries[i] = in.readInt(); break;
                case FLOAT: entries[i] = in.readInt(); break;
                case LONG: case DOUBLE: entries[i] = in.readLong(); i++; break;
                case CLASS: case STRING: case METHOD_TYPE: case MODULE: case PACKAGE:
                    entries[i] = new int[] {in.readUnsignedShort()};
                    break;
                case FIELD: case METHOD: case INTERFACE_METHOD: case NAME_AND_TYPE: case DYNAMIC: case INVOKE_DYNAMIC:
                    entries[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    break;
                case METHOD_HANDLE: entries[i] = new int[] {in.readUnsignedByte(), in.readUnsignedShort()}; break;
                default: throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        int thisClass = in.readUnsignedShort();
        ClassFile file = new ClassFile(null, tags, entries);
        ClassFile named = new ClassFile(file.className(thisClass), tags, entries);
        in.readUnsignedShort();
        in.skipNBytes(2L * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort();
            String methodName = named.utf(in.readUnsignedShort());
            String descriptor = named.utf(in.readUnsignedShort());
            byte[] code = null;
            int[] exceptions = new int[0];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = named.utf(in.readUnsignedShort());
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    code = in.readNBytes(in.readInt());
                    exceptions = new int[4 * in.readUnsignedShort()];
                    for (int e = 0; e < exceptions.length; e++) {
                        exceptions[e] = in.readUnsignedShort();
                    }
                    skipAttributes(in);
                } else {
                    in.skipNBytes(length);
                }
            }
            named.methods.put(methodName + descriptor, new Method(methodName, descriptor, code, exceptions));
        }
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = named.utf(in.readUnsignedShort());
            int length = in.readInt();
            if (attribute.equals("BootstrapMethods")) {
                int[][] bootstraps = new int[in.readUnsignedShort()][];
                for (int b = 0; b < bootstraps.length; b++) {
                    int handle = in.readUnsignedShort();
                    int[] bootstrap = new int[1 + in.readUnsignedShort()];
                    bootstrap[0] = handle;
                    for (int arg = 1; arg < bootstrap.length; arg++) {
                        bootstrap[arg] = in.readUnsignedShort();
                    }
                    bootstraps[b] = bootstrap;
                }
                named.bootstraps = bootstraps;
            } else {
                in.skipNBytes(length);
            }
        }
        return named;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }
}
