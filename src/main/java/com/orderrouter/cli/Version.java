package com.orderrouter.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code -V}/{@code --version}: the jar's Implementation-Version (from the Maven project version). */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"order-router " + (version == null ? "(not run from the packaged jar)" : version)};
    }
}
