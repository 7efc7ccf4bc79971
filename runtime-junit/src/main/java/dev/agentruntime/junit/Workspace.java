package dev.agentruntime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link java.nio.file.Path} parameter: the directory the shell or runtime of the same test works in (fresh,
 * removed after the test). Without a shell or runtime in the test it is still made, for files the test prepares.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Workspace {
}
