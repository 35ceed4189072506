package com.acme.confirm.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP pass-through on a fixed local port that a test can cut (every connection reset,
 * new ones refused) and restore: a database that really goes away and comes back.
 */
public final class TcpProxy {

	private final InetSocketAddress target;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	TcpProxy(String host, int targetPort) throws IOException {
		this.target = new InetSocketAddress(host, targetPort);
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		restore();
	}

	public int port() {
		return this.port;
	}

	/** Resets every open connection and refuses new ones. */
	public synchronized void cut() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	/** Accepts connections again. */
	public synchronized void restore() throws IOException {
		if (this.server != null && !this.server.isClosed()) {
			return;
		}
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				connect(socket, client);
			}
			catch (IOException ex) {
				// the server socket was closed by cut(), or the target refused
			}
		}
	}

	/**
	 * Under the same lock as {@link #cut()}: a connection accepted while the proxy was
	 * being cut is reset, not left open behind the cut (a connection pool refilling
	 * itself after a previous cut hit exactly that window).
	 */
	private synchronized void connect(ServerSocket socket, Socket client) throws IOException {
		if (socket.isClosed()) {
			closeQuietly(client);
			return;
		}
		Socket upstream;
		try {
			upstream = new Socket(this.target.getAddress(), this.target.getPort());
		}
		catch (IOException ex) {
			closeQuietly(client);
			throw ex;
		}
		this.sockets.add(client);
		this.sockets.add(upstream);
		pump(client, upstream);
		pump(upstream, client);
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// connection ended
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
