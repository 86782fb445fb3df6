package org.vafa.templates;

import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.DefaultMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.template.Configuration;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * What a template may read of the objects in its model: their values, nothing that leads to Java itself.
 * On top of FreeMarker's default policy (which still lets {@code member.class.protectionDomain} through):
 * no method of {@link Object} but {@code toString}, no method that returns a class, class loader,
 * module, thread or reflective object, no member of the JDK's reflection, security, I/O and process
 * classes, no constructors and no fields.
 */
final class DataOnlyAccess implements MemberAccessPolicy {
    private static final MemberAccessPolicy DEFAULT = DefaultMemberAccessPolicy.getInstance(Configuration.VERSION_2_3_34);
    private static final Set<String> CLOSED_PACKAGES = Set.of("java.lang.reflect", "java.lang.invoke", "java.security",
            "java.io", "java.nio.file", "java.net", "java.lang.module", "freemarker.template.utility", "freemarker.ext.beans");
    private static final Set<Class<?>> CLOSED_TYPES = Set.of(Class.class, ClassLoader.class, Module.class, ModuleLayer.class,
            Thread.class, ThreadGroup.class, Runtime.class, ProcessBuilder.class, Process.class, System.class);

    @Override
    public ClassMemberAccessPolicy forClass(Class<?> type) {
        ClassMemberAccessPolicy base = DEFAULT.forClass(type);
        boolean closed = closed(type);
        return new ClassMemberAccessPolicy() {
            @Override
            public boolean isMethodExposed(Method m) {
                return !closed && base.isMethodExposed(m)
                        && (m.getDeclaringClass() != Object.class || m.getName().equals("toString"))
                        && !closed(m.getReturnType()) && !closed(m.getDeclaringClass());
            }

            @Override
            public boolean isConstructorExposed(Constructor<?> c) {
                return false;
            }

            @Override
            public boolean isFieldExposed(Field f) {
                return false;
            }
        };
    }

    private static boolean closed(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            if (CLOSED_TYPES.contains(t) || CLOSED_PACKAGES.contains(t.getPackageName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isToStringAlwaysExposed() {
        return true;
    }
}
