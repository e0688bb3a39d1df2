package org.urbis.parking.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The parts of the DATEX II v3 schemas (CEN/TS 16157, the v3.3+ Parking namespace) that a parking status
 * publication uses, as a check of a document: each type's elements with their namespaces, in the
 * order of the type's sequence (a base type's elements before its extension's), which must be kept;
 * required elements and attributes; and the enumerations of the values emitted. Written from the
 * standard's definitions of {@code com:PayloadPublication}, {@code com:InternationalIdentifier},
 * {@code prk:ParkingStatusPublication}, {@code fac:FacilityObjectStatus}, {@code fac:FacilityStatus},
 * {@code prk:ParkingStatusInformation}, {@code prk:PlaceStatus} and {@code prk:Occupancy}; the XSD
 * files themselves are not part of the build, so this stands in for validation against them.
 */
final class Datex2Structure {

    static final String D2 = "http://datex2.eu/schema/3/d2Payload";
    static final String COM = "http://datex2.eu/schema/3/common";
    static final String FAC = "http://datex2.eu/schema/3/facilities";
    static final String PRK = "http://datex2.eu/schema/3/parking";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** com:PayloadPublication, then prk:ParkingStatusPublication. */
    private static final List<String> PUBLICATION = List.of(
            COM + " feedDescription",
            COM + " feedType",
            COM + " publicationTime",
            COM + " publicationCreator",
            COM + " _payloadPublicationExtension",
            PRK + " parkingTableReference",
            PRK + " headerInformation",
            PRK + " parkingStatusInformation",
            PRK + " _parkingStatusPublicationExtension");

    private static final List<String> INTERNATIONAL_IDENTIFIER =
            List.of(COM + " country", COM + " nationalIdentifier", COM + " _internationalIdentifierExtension");
    /** fac:FacilityObjectStatus, fac:FacilityStatus, prk:ParkingStatusInformation, then prk:PlaceStatus. */
    private static final List<String> PLACE_STATUS = List.of(
            FAC + " reference",
            FAC + " lastUpdated",
            FAC + " openingStatus",
            FAC + " regularOperatingHoursInForce",
            FAC + " statusDescription",
            FAC + " newOperatingHours",
            FAC + " newRates",
            FAC + " fault",
            FAC + " _facilityObjectStatusExtension",
            FAC + " supplementalFacilityStatus",
            FAC + " _facilityStatusExtension",
            PRK + " queueingTime",
            PRK + " parkingConditions",
            PRK + " blurredAvailability",
            PRK + " parkingFault",
            PRK + " winterEquipmentManagementType",
            PRK + " parkingRouteStatus",
            PRK + " occupancy",
            PRK + " statusValidity",
            PRK + " operatingPatternStatus",
            PRK + " supply",
            PRK + " demandTable",
            PRK + " _parkingStatusInformationExtension",
            PRK + " status",
            PRK + " parkingPlaceFullAtFloor",
            PRK + " declarationValidNow",
            PRK + " _placeStatusExtension");

    private static final List<String> OCCUPANCY = List.of(
            PRK + " numberOfSpacesOverride",
            PRK + " numberOfVacantSpaces",
            PRK + " numberOfVacantSpacesLowerThan",
            PRK + " numberOfVacantSpacesHigherThan",
            PRK + " numberOfVacantSpacesGraded",
            PRK + " numberOfOccupiedSpaces",
            PRK + " numberOfVehicles",
            PRK + " occupancy",
            PRK + " occupancyGraded",
            PRK + " occupancyTrend",
            PRK + " parkingNotAllowed",
            PRK + " probability",
            PRK + " vehicleCountAndRate",
            PRK + " overrideThresholdConfiguration",
            PRK + " _occupancyExtension");
    /** fac:OpeningStatusEnum. */
    private static final Set<String> OPENING_STATUS = Set.of(
            "open",
            "openWithServiceLimitation",
            "closed",
            "closedOnHoliday",
            "closedOnMaintenance",
            "temporarilyClosed",
            "statusUnknown",
            "other");
    /** prk:ParkingPlaceStatusEnum. */
    private static final Set<String> PLACE_STATUS_ENUM = Set.of(
            "full",
            "fullAtEntrance",
            "spacesAvailable",
            "almostFull",
            "overcrowding",
            "overcrowdingLevel1",
            "overcrowdingLevel2",
            "noOvercrowding",
            "unknown",
            "other");

    private Datex2Structure() {}

    /** Checks the document; returns its root, the payload. */
    static Element check(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element payload = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        expect(
                D2.equals(payload.getNamespaceURI()) && "payload".equals(payload.getLocalName()),
                "the root is d2:payload, not " + payload.getNodeName());
        type(payload, PRK, "ParkingStatusPublication");
        expect(!payload.getAttribute("lang").isEmpty(), "PayloadPublication needs its lang attribute");
        expect("3".equals(payload.getAttribute("modelBaseVersion")), "modelBaseVersion is fixed at 3");
        sequence(
                payload,
                PUBLICATION,
                COM + " publicationTime",
                COM + " publicationCreator",
                PRK + " parkingStatusInformation");
        sequence(
                child(payload, COM, "publicationCreator"),
                INTERNATIONAL_IDENTIFIER,
                COM + " country",
                COM + " nationalIdentifier");
        for (Element status : children(payload)) {
            if (!"parkingStatusInformation".equals(status.getLocalName())) {
                continue;
            }
            type(status, PRK, "PlaceStatus");
            sequence(status, PLACE_STATUS, FAC + " reference");
            Element reference = child(status, FAC, "reference");
            expect(
                    "fac:FacilityObject".equals(reference.getAttribute("targetClass")),
                    "a facility reference's targetClass is fixed at fac:FacilityObject");
            expect(
                    !reference.getAttribute("id").isEmpty()
                            && !reference.getAttribute("version").isEmpty(),
                    "a versioned reference needs id and version");
            for (Element e : children(status)) {
                if ("openingStatus".equals(e.getLocalName())) {
                    expect(OPENING_STATUS.contains(e.getTextContent()), "openingStatus '" + e.getTextContent() + "'");
                } else if ("status".equals(e.getLocalName())) {
                    expect(PLACE_STATUS_ENUM.contains(e.getTextContent()), "status '" + e.getTextContent() + "'");
                } else if ("occupancy".equals(e.getLocalName())) {
                    sequence(e, OCCUPANCY);
                    for (Element n : children(e)) {
                        long v = Long.parseLong(n.getTextContent());
                        expect(
                                v >= 0 && (!"occupancy".equals(n.getLocalName()) || v <= 100),
                                n.getLocalName() + " " + v);
                    }
                }
            }
        }
        return payload;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String namespace, String name) {
        return children(parent).stream()
                .filter(e -> namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(parent.getNodeName() + " has no " + name));
    }

    /** The children are elements of the sequence, in its order, with the required ones present. */
    private static void sequence(Element parent, List<String> allowed, String... required) {
        int at = 0;
        List<String> seen = new ArrayList<>();
        for (Element e : children(parent)) {
            String name = e.getNamespaceURI() + " " + e.getLocalName();
            int index = allowed.indexOf(name);
            expect(
                    index >= 0,
                    parent.getLocalName() + " may not hold " + e.getNodeName() + " (" + e.getNamespaceURI() + ")");
            expect(index >= at, parent.getLocalName() + ": " + e.getNodeName() + " is out of the schema's order");
            at = index;
            seen.add(name);
        }
        for (String r : required) {
            expect(seen.contains(r), parent.getLocalName() + " needs " + r);
        }
    }

    private static void type(Element e, String namespace, String name) {
        String type = e.getAttributeNS(XSI, "type");
        int colon = type.indexOf(':');
        expect(
                colon > 0
                        && namespace.equals(e.lookupNamespaceURI(type.substring(0, colon)))
                        && name.equals(type.substring(colon + 1)),
                e.getNodeName() + " has xsi:type '" + type + "', not " + name);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
