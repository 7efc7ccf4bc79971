package dev.agentruntime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the shell or runtime a test gets is started; on the test method, else its class (the method's wins). Every
 * element has the default a test usually wants: this process's user, no rc files, a 10-second no-change timeout.
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface AgentRuntimeOptions {

    /**
     * The account commands run as, for a test that runs as root and wants its agent as another user (it must
     * exist); empty: this process's user.
     */
    String user() default "";

    /** Seconds without output after which a command without a timeout returns (OpenHands' no-change timeout). */
    int noChangeTimeoutSeconds() default 10;

    /** Whether bash reads {@code ~/.bashrc} and the profile (off: a test's shell is the same everywhere). */
    boolean readRcFiles() default false;

    /** Capabilities the runtime does not load, by name ({@code "jupyter"}, {@code "browser"}); none by default. */
    String[] disable() default {};
}
