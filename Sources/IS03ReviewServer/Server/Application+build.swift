import Foundation
import Hummingbird
import IS03Storage
import Logging

/// Everything the station needs from the database: the review queue and the accounts.
public typealias ReviewStationStore = ReviewQueueStore & AccountStore

/// Builds the review station over `store`: the very application `is03 review` runs, so tests
/// exercise the real thing. Run it with `runService()`, which stops gracefully on SIGTERM/SIGINT.
public func buildApplication(store: any ReviewStationStore, configuration: ReviewServerConfiguration,
                             templates: TemplateBook, logger: Logger? = nil) -> some ApplicationProtocol {
    let router = buildRouter(store: store, configuration: configuration, templates: templates)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "is03-review"),
        logger: logger ?? Logger(label: "is03.review")
    )
}

/// The station's routes behind its middleware: security headers on every answer, only the
/// allowed host names, the session from the cookie, login required everywhere but `/login` and
/// `/static`, CSRF on every POST.
public func buildRouter(store: any ReviewStationStore, configuration: ReviewServerConfiguration,
                        templates: TemplateBook) -> Router<ReviewRequestContext> {
    let router = Router(context: ReviewRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: HostCheckMiddleware(configuration: configuration))
    router.add(middleware: SessionMiddleware(accounts: store))
    router.add(middleware: CSRFMiddleware())
    let images = PageImages(configuration: configuration, templates: templates)
    let service = ReviewService(store: store, configuration: configuration, templates: templates, images: images)
    LoginRoutes(accounts: store, configuration: configuration,
                throttle: LoginThrottle(.init(account: configuration.accountBackoff, address: configuration.addressBackoff,
                                              window: configuration.loginWindow)))
        .add(to: router)
    // The decoy for unknown names is made now, so the first one is not slower than the rest.
    Task { _ = try? await Passwords.decoyHash(cost: configuration.bcryptCost) }
    StaticRoutes().add(to: router)
    QueueRoutes(service: service, configuration: configuration).add(to: router)
    ImageRoutes(store: store, images: images).add(to: router)
    let lists = SupervisorListRoutes(service: service, accounts: store)
    lists.add(to: router)
    SupervisorRoutes(service: service, images: images, labels: lists).add(to: router)
    return router
}
