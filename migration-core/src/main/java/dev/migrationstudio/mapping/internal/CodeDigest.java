package dev.migrationstudio.mapping.internal;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A digest of what a function of a mapping spec does, so that the spec's fingerprint changes when
 * its code does. A lambda or method reference (made serializable by the DSL's functional
 * interfaces) is read through its {@link SerializedLambda}: the bytecode of the method that
 * implements it, with every constant-pool reference replaced by what it names (class, member,
 * string, number), so that unrelated edits elsewhere in the class, line numbers, comments and the
 * lambda's position in the file do not matter; nested lambdas and methods of the same class that the
 * code calls are digested with it; captured values go in when they are plain values (strings,
 * numbers, booleans, enums, {@code java.time} values, collections of them) or functions themselves.
 * A method of the JDK is taken by its name and signature only, so that a JDK update does not change
 * the digest. An object of a named class is digested by its class's methods and its plain fields.
 *
 * <p>Not covered: methods of other classes the code calls (by name only), state reached through a
 * captured object that is not a plain value (by its class name only), and static fields. One
 * instance caches class files; use it for one spec.
 */
public final class CodeDigest {
    /** How deep nested functions and captured values are followed. */
    private static final int MAX_DEPTH = 8;
    /** How deep calls to methods of the same class are followed. */
    private static final int MAX_CALL_DEPTH = 3;
    private static final int[] LENGTH = lengths();

    private final Map<String, ClassFile> classes = new HashMap<>();

    /** Why the code of a function could not be read; the fingerprint then covers its name only. */
    public static final class UnreadableCodeException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableCodeException(String message) {
            super(message);
        }

        UnreadableCodeException(String message, Throwable cause) {
            super(message + ": " + cause, cause);
        }
    }

    /**
     * The digest of a function's code, 16 hexadecimal characters.
     *
     * @throws UnreadableCodeException if the code cannot be read (a lambda that is not serializable, a
     *     class file that cannot be found)
     */
    public String digest(Object function) throws UnreadableCodeException {
        Hasher hasher = Hashing.sha256().newHasher();
        function(function, hasher, 0);
        return hasher.hash().toString().substring(0, 16);
    }

    private void function(Object function, Hasher hasher, int depth) throws UnreadableCodeException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableCodeException("functions nested more than " + MAX_DEPTH + " deep");
        }
        Class<?> type = function.getClass();
        SerializedLambda lambda = serializedLambda(function);
        if (lambda != null) {
            put(hasher, "lambda");
            implementation(lambda, type.getClassLoader(), hasher);
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                value(lambda.getCapturedArg(i), hasher, depth + 1);
            }
            return;
        }
        if (type.isHidden() || type.isSynthetic()) {
            throw new UnreadableCodeException("a lambda that is not serializable (" + type.getName() + ")");
        }
        put(hasher, "class " + type.getName());
        ClassFile file = classFile(type.getClassLoader(), type.getName().replace('.', '/'));
        for (ClassFile.Method method : file.methodsInOrder()) {
            put(hasher, method.name() + method.descriptor());
            put(hasher, method(file, method.name(), method.descriptor(), new HashSet<>(), 0));
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        fields.sort((a, b) -> a.getName().compareTo(b.getName()));
        for (Field field : fields) {
            put(hasher, "field " + field.getName());
            try {
                field.setAccessible(true);
                value(field.get(function), hasher, depth + 1);
            } catch (RuntimeException | IllegalAccessException e) {
                throw new UnreadableCodeException("field " + field.getName() + " of " + type.getName(), e);
            }
        }
    }

    private static SerializedLambda serializedLambda(Object function) throws UnreadableCodeException {
        // Only the classes the JVM spins for lambdas are synthetic; other objects keep their writeReplace.
        if (!function.getClass().isSynthetic()) {
            return null;
        }
        Method writeReplace;
        try {
            writeReplace = function.getClass().getDeclaredMethod("writeReplace");
        } catch (NoSuchMethodException e) {
            return null;
        }
        try {
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(function);
            return replaced instanceof SerializedLambda ? (SerializedLambda) replaced : null;
        } catch (RuntimeException | IllegalAccessException | InvocationTargetException e) {
            throw new UnreadableCodeException("the lambda " + function.getClass().getName() + " cannot be read", e);
        }
    }

    private void implementation(SerializedLambda lambda, ClassLoader loader, Hasher hasher)
            throws UnreadableCodeException {
        String owner = lambda.getImplClass();
        String name = lambda.getImplMethodName();
        String descriptor = lambda.getImplMethodSignature();
        put(hasher, "kind " + lambda.getImplMethodKind());
        if (isJdk(owner)) {
            put(hasher, owner + "." + name + descriptor);
            return;
        }
        ClassFile file = classFile(loader, owner);
        // A lambda body's method name holds its position in the class: leave it out.
        put(hasher, isLambdaBody(name) ? "body" + descriptor : owner + "." + name + descriptor);
        put(hasher, method(file, name, descriptor, new HashSet<>(), 0));
    }

    private void value(Object value, Hasher hasher, int depth) throws UnreadableCodeException {
        if (depth > MAX_DEPTH) {
            throw new UnreadableCodeException("captured values nested more than " + MAX_DEPTH + " deep");
        }
        if (value == null) {
            put(hasher, "null");
        } else if (value instanceof String || value instanceof Boolean || value instanceof Character
                || value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float || value instanceof BigDecimal
                || value instanceof BigInteger || value instanceof UUID
                || value.getClass().getName().startsWith("java.time.")) {
            put(hasher, value.getClass().getName() + ":" + value);
        } else if (value instanceof Enum<?>) {
            put(hasher, ((Enum<?>) value).getDeclaringClass().getName() + "." + ((Enum<?>) value).name());
        } else if (value instanceof Class<?>) {
            put(hasher, "class:" + ((Class<?>) value).getName());
        } else if (value instanceof Pattern) {
            put(hasher, "pattern:" + ((Pattern) value).flags() + ":" + ((Pattern) value).pattern());
        } else if (value instanceof List<?>) {
            put(hasher, "list " + ((List<?>) value).size());
            for (Object element : (List<?>) value) {
                value(element, hasher, depth + 1);
            }
        } else if (value instanceof Set<?>) {
            put(hasher, "set");
            sorted((Collection<?>) value, hasher, depth);
        } else if (value instanceof Map<?, ?>) {
            put(hasher, "map");
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                Hasher one = Hashing.sha256().newHasher();
                value(entry.getKey(), one, depth + 1);
                value(entry.getValue(), one, depth + 1);
                entries.add(one.hash().toString());
            }
            entries.stream().sorted().forEach(e -> put(hasher, e));
        } else if (serializedLambda(value) != null) {
            function(value, hasher, depth + 1);
        } else if (value.getClass().isHidden()) {
            throw new UnreadableCodeException("captures a lambda that is not serializable");
        } else {
            // A captured object (the enclosing instance, a service): its state is not covered.
            put(hasher, "object " + value.getClass().getName());
        }
    }

    private void sorted(Collection<?> values, Hasher hasher, int depth) throws UnreadableCodeException {
        List<String> digests = new ArrayList<>();
        for (Object element : values) {
            Hasher one = Hashing.sha256().newHasher();
            value(element, one, depth + 1);
            digests.add(one.hash().toString());
        }
        digests.stream().sorted().forEach(d -> put(hasher, d));
    }

    /** The digest of one method's code, constant-pool references resolved to what they name. */
    private String method(ClassFile file, String name, String descriptor, Set<String> visiting, int callDepth)
            throws UnreadableCodeException {
        ClassFile.Method method = file.method(name, descriptor);
        if (method == null) {
            throw new UnreadableCodeException("method " + name + descriptor + " not found in " + file.name);
        }
        Hasher hasher = Hashing.sha256().newHasher();
        byte[] code = method.code();
        if (code == null) {
            put(hasher, "no code");
            return hasher.hash().toString();
        }
        visiting.add(name + descriptor);
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            hasher.putInt(op);
            switch (op) {
                case 0x12: // ldc
                    put(hasher, constant(file, code[pc + 1] & 0xFF, visiting, callDepth));
                    pc += 2;
                    break;
                case 0x13: case 0x14: // ldc_w, ldc2_w
                case 0xB2: case 0xB3: case 0xB4: case 0xB5: // field access
                case 0xBB: case 0xBD: case 0xC0: case 0xC1: // new, anewarray, checkcast, instanceof
                    put(hasher, constant(file, u2(code, pc + 1), visiting, callDepth));
                    pc += 3;
                    break;
                case 0xB6: case 0xB7: case 0xB8: // invokevirtual, invokespecial, invokestatic
                    put(hasher, call(file, u2(code, pc + 1), visiting, callDepth));
                    pc += 3;
                    break;
                case 0xB9: // invokeinterface
                    put(hasher, call(file, u2(code, pc + 1), visiting, callDepth));
                    pc += 5;
                    break;
                case 0xBA: // invokedynamic
                    put(hasher, constant(file, u2(code, pc + 1), visiting, callDepth));
                    pc += 5;
                    break;
                case 0xC5: // multianewarray
                    put(hasher, constant(file, u2(code, pc + 1), visiting, callDepth));
                    hasher.putInt(code[pc + 3] & 0xFF);
                    pc += 4;
                    break;
                case 0xAA: { // tableswitch
                    int at = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                    int low = s4(code, at + 4);
                    int high = s4(code, at + 8);
                    int words = 3 + high - low + 1;
                    for (int w = 0; w < words; w++) {
                        hasher.putInt(s4(code, at + 4 * w));
                    }
                    pc = at + 4 * words;
                    break;
                }
                case 0xAB: { // lookupswitch
                    int at = pc + 1 + ((4 - (pc + 1) % 4) % 4);
                    int words = 2 + 2 * s4(code, at + 4);
                    for (int w = 0; w < words; w++) {
                        hasher.putInt(s4(code, at + 4 * w));
                    }
                    pc = at + 4 * words;
                    break;
                }
                case 0xC4: { // wide
                    int length = (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
                    hasher.putBytes(code, pc + 1, length - 1);
                    pc += length;
                    break;
                }
                default:
                    int length = LENGTH[op];
                    if (length == 0) {
                        throw new UnreadableCodeException("unknown opcode " + op + " in " + file.name + "." + name);
                    }
                    hasher.putBytes(code, pc + 1, length - 1);
                    pc += length;
            }
        }
        int[] exceptions = method.exceptions();
        for (int e = 0; e < exceptions.length; e += 4) {
            hasher.putInt(exceptions[e]).putInt(exceptions[e + 1]).putInt(exceptions[e + 2]);
            put(hasher, exceptions[e + 3] == 0 ? "any" : file.className(exceptions[e + 3]));
        }
        visiting.remove(name + descriptor);
        return hasher.hash().toString();
    }

    /** A call: by what it names, and for a method of the same class, with that method's code. */
    private String call(ClassFile file, int index, Set<String> visiting, int callDepth) throws UnreadableCodeException {
        int[] member = file.refs(index);
        String owner = file.className(member[0]);
        int[] nameAndType = file.refs(member[1]);
        String name = file.utf(nameAndType[0]);
        String descriptor = file.utf(nameAndType[1]);
        if (!owner.equals(file.name) || file.method(name, descriptor) == null) {
            return constant(file, index, visiting, callDepth);
        }
        if (visiting.contains(name + descriptor)) {
            return "recursive " + name + descriptor;
        }
        if (isLambdaBody(name) || callDepth < MAX_CALL_DEPTH) {
            return "call " + (isLambdaBody(name) ? "lambda" : name) + descriptor + " {"
                    + method(file, name, descriptor, visiting, callDepth + 1) + "}";
        }
        return constant(file, index, visiting, callDepth);
    }

    /** What a constant-pool entry names, independent of where it sits in the pool. */
    private String constant(ClassFile file, int index, Set<String> visiting, int callDepth)
            throws UnreadableCodeException {
        Object entry = file.entries[index];
        switch (file.tags[index]) {
            case ClassFile.UTF8: return "utf:" + entry;
            case ClassFile.INTEGER: return "int:" + entry;
            case ClassFile.FLOAT: return "float:" + Integer.toHexString((Integer) entry);
            case ClassFile.LONG: return "long:" + entry;
            case ClassFile.DOUBLE: return "double:" + Long.toHexString((Long) entry);
            case ClassFile.CLASS: return "class:" + file.className(index);
            case ClassFile.STRING: return "string:" + file.utf(file.refs(index)[0]);
            case ClassFile.METHOD_TYPE: return "type:" + file.utf(file.refs(index)[0]);
            case ClassFile.MODULE: case ClassFile.PACKAGE: return "module:" + file.utf(file.refs(index)[0]);
            case ClassFile.NAME_AND_TYPE:
                return file.utf(file.refs(index)[0]) + ":" + file.utf(file.refs(index)[1]);
            case ClassFile.FIELD: case ClassFile.METHOD: case ClassFile.INTERFACE_METHOD: {
                int[] member = file.refs(index);
                return "member" + file.tags[index] + ":" + file.className(member[0]) + "."
                        + constant(file, member[1], visiting, callDepth);
            }
            case ClassFile.METHOD_HANDLE: {
                int[] handle = file.refs(index);
                // A handle to a method of this class (a nested lambda's body): its code, not its name.
                return "handle" + handle[0] + ":" + call(file, handle[1], visiting, callDepth);
            }
            case ClassFile.DYNAMIC: case ClassFile.INVOKE_DYNAMIC: {
                int[] dynamic = file.refs(index);
                int[] bootstrap = file.bootstraps[dynamic[0]];
                StringBuilder text = new StringBuilder("dynamic:")
                        .append(constant(file, dynamic[1], visiting, callDepth)).append(" by ");
                for (int argument : bootstrap) {
                    text.append(constant(file, argument, visiting, callDepth)).append(", ");
                }
                return text.toString();
            }
            default:
                throw new UnreadableCodeException("unknown constant pool tag " + file.tags[index] + " in " + file.name);
        }
    }

    private ClassFile classFile(ClassLoader loader, String internalName) throws UnreadableCodeException {
        ClassFile cached = classes.get(internalName);
        if (cached != null) {
            return cached;
        }
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = from.getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                throw new UnreadableCodeException("the class file of " + internalName.replace('/', '.') + " is not found");
            }
            ClassFile file = ClassFile.parse(in.readAllBytes());
            classes.put(internalName, file);
            return file;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableCodeException("the class file of " + internalName.replace('/', '.') + " cannot be read", e);
        }
    }

    private static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/");
    }

    private static boolean isLambdaBody(String methodName) {
        return methodName.startsWith("lambda$");
    }

    private static void put(Hasher hasher, String text) {
        hasher.putInt(text.length()).putString(text, StandardCharsets.UTF_8);
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    private static int s4(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8)
                | (code[at + 3] & 0xFF);
    }

    /** Instruction lengths with operands, by opcode; 0 for the variable-length and unknown ones. */
    private static int[] lengths() {
        int[] length = new int[256];
        for (int op = 0x00; op <= 0xC9; op++) {
            length[op] = 1;
        }
        length[0x10] = 2;
        length[0x11] = 3;
        length[0x12] = 2;
        length[0x13] = 3;
        length[0x14] = 3;
        for (int op = 0x15; op <= 0x19; op++) {
            length[op] = 2;
        }
        for (int op = 0x36; op <= 0x3A; op++) {
            length[op] = 2;
        }
        length[0x84] = 3;
        for (int op = 0x99; op <= 0xA8; op++) {
            length[op] = 3;
        }
        length[0xA9] = 2;
        length[0xAA] = 0;
        length[0xAB] = 0;
        for (int op = 0xB2; op <= 0xB8; op++) {
            length[op] = 3;
        }
        length[0xB9] = 5;
        length[0xBA] = 5;
        length[0xBB] = 3;
        length[0xBC] = 2;
        length[0xBD] = 3;
        length[0xC0] = 3;
        length[0xC1] = 3;
        length[0xC4] = 0;
        length[0xC5] = 4;
        length[0xC6] = 3;
        length[0xC7] = 3;
        length[0xC8] = 5;
        length[0xC9] = 5;
        return length;
    }
}
